import fs from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failoverRuns,
  failoverSteps,
  notifications,
  rentalMachines,
  rentals,
  simMachines,
} from '@/db/schema';
import { hashTree } from '../support/hash-tree';
import { startFailoverHarness, waitFor, type FailoverHarness } from '../support/failover-harness';

let harness: FailoverHarness;

beforeAll(async () => {
  harness = await startFailoverHarness({ seedMb: 3, workers: 2 });
  await harness.setSettings({
    enabled: true,
    channels: ['email', 'push'],
    restoreMaxPricePerGpuHour: 5,
  });
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

describe('two workers side by side', () => {
  it('run each step of each run once: three interruptions at once', async () => {
    const rentals = await Promise.all([
      harness.rentGpu(),
      harness.rentGpu(),
      harness.rentGpu('RTX 3090'),
    ]);
    const originals = rentals.map((rental) => hashTree(rental.workspace));
    await Promise.all(rentals.map((rental) => harness.provider.interrupt(rental.machineId, 30)));

    const runs = await waitFor(
      'three restored runs',
      async () => {
        const rows = await harness.database.db.select().from(failoverRuns);
        return rows.length === 3 && rows.every((run) => run.state === 'restored') ? rows : null;
      },
      150_000,
    );

    const steps = await harness.database.db
      .select()
      .from(failoverSteps)
      .where(
        inArray(
          failoverSteps.runId,
          runs.map((run) => run.id),
        ),
      );
    expect(steps).toHaveLength(15);
    expect(
      steps.every(
        (step) => step.state === 'succeeded' && step.attempts === 1 && step.errors.length === 0,
      ),
    ).toBe(true);

    const standbys = await harness.database.db
      .select()
      .from(simMachines)
      .where(eq(simMachines.kind, 'standby'));
    expect(standbys.map((machine) => machine.id).sort()).toEqual(
      runs.map((run) => run.standbyMachineId).sort(),
    );
    expect(
      await harness.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.kind, 'failover')),
    ).toHaveLength(3 * 2 * 2);

    for (const [index, rental] of rentals.entries()) {
      const run = runs.find((row) => row.rentalId === rental.rentalId)!;
      expect(hashTree(harness.host.workspaceOf(run.restoreMachineId!))).toEqual(originals[index]);
    }
  }, 200_000);
});

describe('a GPU taken back before the sync ends', () => {
  it('is noticed by polling, and the standby gets the last complete checkpoint, said to be older', async () => {
    const { rentalId, machineId, workspace } = await harness.rentGpu();
    const agent = harness.host.agentOf(machineId)!;
    const atCheckpoint = hashTree(workspace);
    const interval = await agent.checkpoint('interval', 'interval-test');
    await fs.writeFile(
      path.join(workspace, 'after-checkpoint.txt'),
      'written after the last checkpoint',
    );

    // No notice at all: the machine is gone at once, its agent with it.
    await harness.provider.interrupt(machineId, 0);
    const run = await waitFor(
      'a standby with the fallback checkpoint',
      async () => {
        const found = await harness.runOf(rentalId);
        return found?.standbyServingAt ? found : null;
      },
      60_000,
    );

    expect(run).toMatchObject({
      detectedVia: 'polling',
      checkpointFallback: true,
      checkpointSeq: interval.seq,
      checkpointKey: interval.manifestKey,
    });
    const [sync] = await harness.database.db
      .select()
      .from(failoverSteps)
      .where(eq(failoverSteps.runId, run.id))
      .then((rows) => rows.filter((row) => row.step === 'sync'));
    expect(sync!.outcome).toMatch(
      /taken back before the sync finished; using checkpoint \d+ taken \d+ s before the notice/,
    );
    expect(sync!.output).toMatchObject({ fallback: true, manifestKey: interval.manifestKey });
    expect(hashTree(harness.host.workspaceOf(run.standbyMachineId!))).toEqual(atCheckpoint);
  }, 120_000);
});

describe('a GPU taken back with no notice and no checkpoint', () => {
  it('gets an empty standby that still hands over to one restored GPU', async () => {
    const { rentalId, machineId } = await harness.rentGpu();
    await harness.provider.interrupt(machineId, 0);

    const run = await harness.runInState(rentalId, 'restored', 120_000);
    expect(run).toMatchObject({ checkpointKey: null, checkpointFallback: true });
    // The GPU is billed until the provider took it back, not until the standby served.
    const [gpuRecord] = await harness.database.db
      .select()
      .from(rentalMachines)
      .where(eq(rentalMachines.machineId, machineId));
    expect(gpuRecord!.endedAt).toEqual(run.interruptAt);
    const steps = await harness.database.db
      .select()
      .from(failoverSteps)
      .where(eq(failoverSteps.runId, run.id));
    const byName = Object.fromEntries(steps.map((step) => [step.step, step]));
    expect(byName.standby!.outcome).toMatch(/serving with an empty workspace/);
    // One GPU rented for the restore, handed the standby's workspace on the first try.
    expect(byName.restore).toMatchObject({ state: 'succeeded', attempts: 1 });
    const rented = await harness.database.db
      .select()
      .from(simMachines)
      .where(like(simMachines.idempotencyKey, `failover:${run.id}:restore:%`));
    expect(rented.map((machine) => machine.id)).toEqual([run.restoreMachineId]);
    // Nothing of the lost GPU's work could be saved: the standby started empty, and so does the
    // restored GPU.
    expect(hashTree(harness.host.workspaceOf(run.standbyMachineId!))).toEqual(
      hashTree(harness.host.workspaceOf(run.restoreMachineId!)),
    );
    expect(byName.restore!.outcome).toMatch(/\(0 files verified\)/);
  }, 150_000);
});

describe('a restore whose GPUs keep being taken back', () => {
  it('stops after five GPUs, and the standby keeps the work', async () => {
    const { rentalId, machineId } = await harness.rentGpu('RTX 3090');
    await harness.provider.interrupt(machineId, 30);
    const run = await waitFor('a standby', async () => {
      const found = await harness.runOf(rentalId);
      return found?.standbyServingAt ? found : null;
    });

    // Every GPU rented for this restore is taken back as soon as it exists.
    const taken = new Set<string>();
    const failed = await waitFor(
      'the run to give up',
      async () => {
        const rented = await harness.database.db
          .select()
          .from(simMachines)
          .where(like(simMachines.idempotencyKey, `failover:${run.id}:restore:%`));
        for (const gpu of rented) {
          if (taken.has(gpu.id)) continue;
          taken.add(gpu.id);
          await harness.provider.interrupt(gpu.id, 0);
        }
        const found = await harness.runOf(rentalId);
        return found?.state === 'failed' ? found : null;
      },
      // Each GPU is rented, taken back and given up in 10–30 s (retry back-off included).
      300_000,
    );

    expect(taken.size).toBe(5);
    expect(failed.error).toMatch(/Gave up after 5 GPUs \(the last: the GPU is interrupted\)/);
    const [rental] = await harness.database.db
      .select()
      .from(rentals)
      .where(eq(rentals.id, rentalId));
    expect(rental).toMatchObject({ state: 'on_standby', endedAt: null });
    const [standby] = await harness.database.db
      .select()
      .from(simMachines)
      .where(eq(simMachines.id, run.standbyMachineId!));
    expect(standby!.terminatedAt).toBeNull();
    // The five GPUs never carried the work but ran, so they are on the bill, each ended.
    const history = await harness.database.db
      .select()
      .from(rentalMachines)
      .where(eq(rentalMachines.rentalId, rentalId));
    const tried = history.filter((machine) => taken.has(machine.machineId!));
    expect(tried).toHaveLength(5);
    for (const machine of tried) {
      expect(machine).toMatchObject({ kind: 'gpu', endedAt: expect.any(Date) });
    }
  }, 360_000);
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, failoverSteps, rentalMachines, simMachines } from '@/db/schema';
import { hashTree, treeBytes } from '../support/hash-tree';
import { startFailoverHarness, waitFor, type FailoverHarness } from '../support/failover-harness';

let harness: FailoverHarness;

beforeAll(async () => {
  harness = await startFailoverHarness({ seedMb: 200, workers: 1 });
  await harness.setSettings({
    enabled: true,
    channels: ['email', 'push', 'sms'],
    restoreMaxPricePerGpuHour: 5,
  });
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

describe('failover of a 200 MB workspace with a 30 s notice', () => {
  it('goes through detect, sync, standby, notify and restore, byte for byte', async () => {
    const { rentalId, machineId, workspace } = await harness.rentGpu();
    // A few small files beside the seeded data, so the workspace is not just large blobs.
    await fs.mkdir(path.join(workspace, 'notes'), { recursive: true });
    for (let index = 0; index < 40; index++) {
      await fs.writeFile(
        path.join(workspace, 'notes', `note-${index}.txt`),
        `note ${index}\n`.repeat(index + 1),
      );
    }
    const original = hashTree(workspace);
    expect(treeBytes(workspace)).toBeGreaterThanOrEqual(200 * 1024 * 1024);

    const notice = await harness.provider.interrupt(machineId, 30);
    const run = await waitFor('the run to start', () => harness.runOf(rentalId), 10_000);
    expect(run.detectedVia).toBe('webhook');
    expect(run.detectedAt.getTime() - notice.noticeAt!.getTime()).toBeLessThan(2_000);

    const restored = await harness.runInState(rentalId, 'restored', 150_000);
    expect(restored.checkpointFallback).toBe(false);
    expect(restored.standbyServingAt!.getTime() - notice.noticeAt!.getTime()).toBeLessThan(30_000);

    const steps = await harness.database.db
      .select()
      .from(failoverSteps)
      .where(eq(failoverSteps.runId, restored.id));
    for (const step of steps) {
      expect({ step: step.step, state: step.state, attempts: step.attempts }).toEqual({
        step: step.step,
        state: 'succeeded',
        attempts: 1,
      });
    }
    const sync = steps.find((step) => step.step === 'sync')!;
    expect(sync.output.manifestKey).toContain(`rentals/${rentalId}/manifests/`);
    expect(sync.output.manifestKey).toContain(restored.id);
    expect(sync.output.files).toBe(Object.keys(original).length);

    const machines = await harness.database.db
      .select()
      .from(rentalMachines)
      .where(eq(rentalMachines.rentalId, rentalId))
      .orderBy(asc(rentalMachines.startedAt));
    expect(machines.map((machine) => machine.kind)).toEqual(['gpu', 'standby', 'gpu']);
    expect(machines[0]!.machineId).toBe(machineId);
    expect(machines[1]!.machineId).toBe(restored.standbyMachineId);
    expect(machines[2]!.machineId).toBe(restored.restoreMachineId);
    expect(machines.slice(0, 2).every((machine) => machine.endedAt !== null)).toBe(true);
    expect(machines[2]!.endedAt).toBeNull();

    expect(hashTree(harness.host.workspaceOf(restored.standbyMachineId!))).toEqual(original);
    expect(hashTree(harness.host.workspaceOf(restored.restoreMachineId!))).toEqual(original);

    const standbys = await harness.database.db
      .select()
      .from(simMachines)
      .where(eq(simMachines.kind, 'standby'));
    expect(standbys).toHaveLength(1);
    const sent = await harness.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.rentalId, rentalId));
    expect(sent.map((row) => row.dedupeKey).sort()).toEqual(
      ['push', 'email', 'sms']
        .flatMap((channel) => [
          `failover:${restored.id}:restored:${channel}`,
          `failover:${restored.id}:standby:${channel}`,
        ])
        .sort(),
    );
  }, 240_000);
});

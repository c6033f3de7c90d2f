import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failoverSteps, rentalMachines, rentals, simMachines } from '@/db/schema';
import { systemClock } from '@/lib/clock';
import { terminateRental } from '@/lib/rentals/terminate-rental';
import {
  startFailoverHarness,
  USER_ID,
  waitFor,
  type FailoverHarness,
} from '../support/failover-harness';

// No restore: rentals stay on their standby until the test ends them.
let harness: FailoverHarness;

beforeAll(async () => {
  harness = await startFailoverHarness({ seedMb: 40, workers: 1 });
  await harness.setSettings({ enabled: true, autoRestore: false, channels: ['email'] });
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

async function openMachineRecords(rentalId: string) {
  return harness.database.db
    .select()
    .from(rentalMachines)
    .where(and(eq(rentalMachines.rentalId, rentalId), isNull(rentalMachines.endedAt)));
}

async function simMachine(machineId: string) {
  const [machine] = await harness.database.db
    .select()
    .from(simMachines)
    .where(eq(simMachines.id, machineId));
  return machine!;
}

describe('a rental ended while its work is on a standby', () => {
  it('terminated by the user while the standby comes up: nothing is left running or billed', async () => {
    const { rentalId, machineId } = await harness.rentGpu();
    await harness.provider.interrupt(machineId, 30);

    // Terminate as soon as the standby step is under way (or done, if it was quicker).
    const run = await waitFor(
      'the standby step to start',
      async () => {
        const found = await harness.runOf(rentalId);
        if (!found) return null;
        const [standby] = await harness.database.db
          .select()
          .from(failoverSteps)
          .where(and(eq(failoverSteps.runId, found.id), eq(failoverSteps.step, 'standby')));
        return standby && standby.state !== 'pending' ? found : null;
      },
      60_000,
    );
    await terminateRental(
      { db: harness.database.db, clock: systemClock, providers: providersOf(harness) },
      USER_ID,
      rentalId,
    );

    const cancelled = await harness.runInState(rentalId, 'cancelled');
    expect(cancelled.id).toBe(run.id);
    const steps = await harness.database.db
      .select()
      .from(failoverSteps)
      .where(eq(failoverSteps.runId, run.id));
    // Nothing on the timeline is left waiting to happen; what never ran says it was stopped.
    for (const step of steps) {
      expect(['succeeded', 'failed', 'skipped']).toContain(step.state);
      if (step.state === 'skipped') expect(step.outcome).toBe('Stopped: the rental was terminated');
    }
    expect(steps.find((step) => step.step === 'restore')?.state).toBe('skipped');
    // A standby the run provisions after the terminate is let go by the run, record and all.
    await waitFor('every machine record to end', async () => {
      return (await openMachineRecords(rentalId)).length === 0;
    });
    const [rental] = await harness.database.db
      .select()
      .from(rentals)
      .where(eq(rentals.id, rentalId));
    expect(rental!.state).toBe('terminated');
    if (cancelled.standbyMachineId) {
      expect((await simMachine(cancelled.standbyMachineId)).terminatedAt).not.toBeNull();
      // It ran, so it is on the bill, until the moment the rental was terminated.
      const [record] = await harness.database.db
        .select()
        .from(rentalMachines)
        .where(eq(rentalMachines.machineId, cancelled.standbyMachineId));
      expect(record).toMatchObject({ kind: 'standby', endedAt: rental!.endedAt });
    }
  }, 120_000);

  it('lost by the provider: the rental ends interrupted, says why, and the standby is not billed on', async () => {
    const { rentalId, machineId } = await harness.rentGpu();
    await harness.provider.interrupt(machineId, 30);
    const run = await harness.runInState(rentalId, 'on_standby');
    expect(await openMachineRecords(rentalId)).toMatchObject([
      { kind: 'standby', machineId: run.standbyMachineId },
    ]);

    // The provider takes the standby back without notice.
    await harness.provider.interrupt(run.standbyMachineId!, 0);

    const rental = await waitFor(
      'the rental to end',
      async () => {
        const [row] = await harness.database.db
          .select()
          .from(rentals)
          .where(eq(rentals.id, rentalId));
        return row?.state === 'interrupted' ? row : null;
      },
      30_000,
    );
    expect(rental.endedAt).not.toBeNull();
    expect(rental.lastError).toMatch(/standby machine was lost at the provider/);
    expect(await openMachineRecords(rentalId)).toEqual([]);
    expect(await harness.runOf(rentalId)).toMatchObject({ state: 'failed' });
  }, 120_000);
});

function providersOf(running: FailoverHarness) {
  return new Map([['simulated', running.provider]]);
}

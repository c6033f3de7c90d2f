import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  activeRunStates,
  failoverRuns,
  failoverSteps,
  machineAgents,
  rentalMachines,
  rentals,
} from '@/db/schema';
import { gpuOnRental, type RentedGpu } from '../steps/restore-parts';
import { recordUnusedMachine } from '../switch-machines';
import type { FailoverDeps, RentalRow, RunRow, StepRow } from './failover-deps';

/** Puts a failed attempt's retry in the run's diary and asks a worker to come back then. */
export async function updateRunRetry(deps: FailoverDeps, runId: string, afterSeconds: number) {
  const at = new Date(deps.clock.now().getTime() + afterSeconds * 1_000);
  await deps.db.update(failoverRuns).set({ nextAttemptAt: at }).where(eq(failoverRuns.id, runId));
  await deps.wake(runId, afterSeconds);
}

type ReleaseDeps = Pick<FailoverDeps, 'db' | 'clock' | 'providers' | 'logger'>;

/**
 * Stops a machine the run brought up, at the provider its agent was booted on, and ends its
 * record on the rental at `at`: a machine let go is no longer billed, whichever step it was in.
 */
async function letGo(deps: ReleaseDeps, machineId: string | null, at: Date) {
  if (!machineId) return;
  await deps.db
    .update(rentalMachines)
    .set({ endedAt: at })
    .where(and(eq(rentalMachines.machineId, machineId), isNull(rentalMachines.endedAt)));
  const [agent] = await deps.db
    .select()
    .from(machineAgents)
    .where(eq(machineAgents.machineId, machineId));
  const adapter = agent?.provider ? deps.providers.get(agent.provider) : undefined;
  await adapter?.terminate(machineId).catch((error) => {
    deps.logger.warn({ machine_id: machineId, err: error }, 'terminate_failed');
  });
}

/**
 * A step failed for good: the run ends failed and the rental says why. Failing before the
 * standby served, the rental ends as an interrupted one would without failover.
 */
export async function failRun(
  deps: FailoverDeps,
  run: RunRow,
  rental: RentalRow,
  steps: StepRow[],
) {
  const failed = steps.find((step) => step.state === 'failed');
  const reason = `Failover failed at ${failed?.step ?? 'a step'}: ${failed?.outcome ?? 'unknown error'}`;
  const now = deps.clock.now();
  await deps.db
    .update(failoverRuns)
    .set({ state: 'failed', error: reason.slice(0, 500), finishedAt: now })
    .where(and(eq(failoverRuns.id, run.id), inArray(failoverRuns.state, activeRunStates)));
  await deps.db
    .update(rentals)
    .set({ lastError: reason.slice(0, 500) })
    .where(eq(rentals.id, rental.id));
  if (!run.standbyServingAt) {
    await releaseRunMachines(deps, run, now);
    await deps.db
      .update(rentals)
      .set({ endedAt: now, interruptedAt: run.interruptAt ?? now })
      .where(and(eq(rentals.id, rental.id), eq(rentals.state, 'interrupted')));
  }
  deps.logger.error(
    { rental_id: rental.id, run_id: run.id, step: failed?.step },
    'failover_run_failed',
  );
}

/**
 * Lets go of the machines a run brought up, billed until `at`: its standby and a GPU rented for
 * the restore, also when they never carried the work (they ran all the same).
 */
export async function releaseRunMachines(deps: ReleaseDeps, run: RunRow, at: Date) {
  const steps = await deps.db.select().from(failoverSteps).where(eq(failoverSteps.runId, run.id));
  const restore = steps.find((step) => step.step === 'restore')?.output;
  const gpu = restore?.gpu as RentedGpu | undefined;
  if (gpu && gpu.machineId === run.restoreMachineId) {
    await recordUnusedMachine(deps.db, run.rentalId, gpuOnRental(gpu), at);
  }
  const standby = steps.find((step) => step.step === 'standby')?.output;
  if (
    run.standbyMachineId &&
    standby?.standbyMachineId === run.standbyMachineId &&
    standby.provisionedAt
  ) {
    const [agent] = await deps.db
      .select()
      .from(machineAgents)
      .where(eq(machineAgents.machineId, run.standbyMachineId));
    if (agent?.provider) {
      await recordUnusedMachine(
        deps.db,
        run.rentalId,
        {
          provider: agent.provider,
          machineId: run.standbyMachineId,
          kind: 'standby',
          machineType: String(standby.machineType),
          offerId: null,
          pricePerHour: Number(standby.pricePerHour),
          startedAt: new Date(String(standby.provisionedAt)),
        },
        at,
      );
    }
  }
  await letGo(deps, run.standbyMachineId, at);
  await letGo(deps, run.restoreMachineId, at);
}

/** The user terminated the rental: the run stops and lets go of what it brought up. */
export async function cancelRun(deps: FailoverDeps, run: RunRow, rental: RentalRow) {
  const now = deps.clock.now();
  // Nothing is billed past the moment the user terminated the rental.
  await releaseRunMachines(deps, run, rental.endedAt ?? now);
  await deps.db
    .update(failoverRuns)
    .set({ state: 'cancelled', finishedAt: now })
    .where(and(eq(failoverRuns.id, run.id), inArray(failoverRuns.state, activeRunStates)));
  // The timeline shows what never ran as stopped, not as still to come.
  await deps.db
    .update(failoverSteps)
    .set({ state: 'skipped', outcome: 'Stopped: the rental was terminated', finishedAt: now })
    .where(
      and(
        eq(failoverSteps.runId, run.id),
        inArray(failoverSteps.state, ['pending', 'running', 'retrying', 'waiting']),
      ),
    );
  deps.logger.info({ rental_id: run.rentalId, run_id: run.id }, 'failover_run_cancelled');
}

/** Every step done: the run is restored, as of the restore step's end. */
export async function finishRun(deps: FailoverDeps, run: RunRow, steps: StepRow[]) {
  const restore = steps.find((step) => step.step === 'restore');
  const at = restore?.finishedAt ?? deps.clock.now();
  await deps.db
    .update(failoverRuns)
    .set({ state: 'restored', restoredAt: at, finishedAt: at })
    .where(and(eq(failoverRuns.id, run.id), inArray(failoverRuns.state, activeRunStates)));
  deps.logger.info({ rental_id: run.rentalId, run_id: run.id }, 'failover_run_restored');
}

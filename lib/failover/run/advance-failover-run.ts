import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { activeRunStates, failoverRuns, failoverSteps, rentals } from '@/db/schema';
import { settingsForRental } from '../settings/manage-failover-settings';
import { nextStep } from './step-order';
import { setRunState } from '../steps/step-helpers';
import { cancelRun, failRun, finishRun } from './end-run';
import type { FailoverDeps } from './failover-deps';
import { acquireRunLease, keepLease, releaseRunLease } from './run-lease';
import { runStep } from './run-step';

/**
 * Drives one failover run as far as it can go now. Only the worker holding the run's lease
 * works on it; each step is claimed, run and recorded under that lease, so two workers never
 * run a step at once, and a run whose worker died is resumed from the step it was in.
 */
export async function advanceFailoverRun(deps: FailoverDeps, runId: string): Promise<void> {
  const owner = `${deps.workerId}:${randomUUID().slice(0, 8)}`;
  const leased = await acquireRunLease(deps.db, runId, owner, deps.clock.now());
  if (!leased) return;

  const controller = new AbortController();
  const lease = keepLease(deps.db, runId, owner, controller);
  try {
    for (;;) {
      if (controller.signal.aborted) return;
      const [run] = await deps.db.select().from(failoverRuns).where(eq(failoverRuns.id, runId));
      const [rental] = run
        ? await deps.db.select().from(rentals).where(eq(rentals.id, run.rentalId))
        : [];
      if (!run || !rental || !activeRunStates.includes(run.state)) return;
      if (rental.state === 'terminated') return await cancelRun(deps, run, rental);

      const steps = await deps.db
        .select()
        .from(failoverSteps)
        .where(eq(failoverSteps.runId, runId));
      const next = nextStep(steps);
      if (next === 'failed') return await failRun(deps, run, rental, steps);
      // The run's state follows its steps, written after them: a crash in between is repaired
      // by the next worker that takes the run.
      if (!next) return await finishRun(deps, run, steps);
      if (next.name === 'restore' && run.state === 'running') {
        await setRunState(deps, run.id, ['running'], 'on_standby');
      }

      const settings = await settingsForRental(deps.db, rental);
      const step = steps.find((row) => row.step === next.name)!;
      const carryOn = await runStep(deps, next, {
        run,
        rental,
        settings,
        step,
        owner,
        signal: controller.signal,
      });
      if (!carryOn) return;
    }
  } finally {
    lease.stop();
    await releaseRunLease(deps.db, runId, owner);
  }
}

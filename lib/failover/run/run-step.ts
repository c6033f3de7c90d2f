import type { EffectiveSettings } from '../settings/failover-settings';
import type {
  FailoverDeps,
  RentalRow,
  RunRow,
  StepContext,
  StepDefinition,
  StepRow,
} from './failover-deps';
import { RentalTerminatedError } from '../steps/step-helpers';
import { LeaseLostError } from './run-lease';
import {
  claimStep,
  finishStep,
  markStepWaiting,
  recordStepError,
  recordStepOutput,
} from './step-records';
import { updateRunRetry } from './end-run';

export interface StepInput {
  run: RunRow;
  rental: RentalRow;
  settings: EffectiveSettings;
  step: StepRow;
  owner: string;
  signal: AbortSignal;
}

/** Seconds before retry n (1, 2, 4 … up to a minute). */
const backoffSeconds = (attempt: number) => Math.min(60, 2 ** Math.max(0, attempt - 1));

/**
 * Runs one attempt of a step and records it. Answers true when the run may go on to the next
 * step now; false when it waits (for a GPU offer, a retry's back-off) or the lease was lost.
 */
export async function runStep(
  deps: FailoverDeps,
  definition: StepDefinition,
  input: StepInput,
): Promise<boolean> {
  const { run, rental, owner, signal } = input;
  const log = deps.logger.child({ rental_id: rental.id, run_id: run.id, step: definition.name });
  const base = { deps, run, rental, settings: input.settings, signal, log, step: input.step };

  if (definition.ready) {
    const ready = await definition.ready(base);
    if (!ready.ready) {
      await markStepWaiting(deps.db, run.id, definition.name, owner, ready.outcome);
      return false;
    }
  }

  const now = deps.clock.now();
  const step = await claimStep(deps.db, run.id, definition.name, owner, now);
  if (!step) return false;
  const context: StepContext = {
    ...base,
    step,
    record: (patch) => recordStepOutput(deps.db, run.id, definition.name, owner, patch),
  };
  log.info({ attempt: step.attempts }, 'failover_step_started');
  const started = Date.now();

  try {
    const result = await definition.run(context);
    await finishStep(deps.db, run.id, definition.name, owner, { ...result, now: deps.clock.now() });
    log.info(
      {
        attempt: step.attempts,
        duration_ms: Date.now() - started,
        outcome: result.outcome,
        state: result.state,
      },
      'failover_step_finished',
    );
    return result.state !== 'waiting';
  } catch (caught) {
    if (signal.aborted || caught instanceof LeaseLostError) {
      log.warn({ duration_ms: Date.now() - started }, 'failover_step_lease_lost');
      return false;
    }
    // Not a failure of the step: the run goes on to notice the termination and stop.
    if (caught instanceof RentalTerminatedError) {
      log.info({ duration_ms: Date.now() - started }, 'failover_step_stopped');
      return true;
    }
    const error = caught instanceof Error ? caught : new Error(String(caught));
    const fallback = await definition.onError?.(context, error).catch(() => null);
    const final = !fallback && step.attempts >= definition.maxAttempts;
    await recordStepError(deps.db, run.id, definition.name, owner, {
      message: error.message,
      attempt: step.attempts,
      now: deps.clock.now(),
      state: fallback ? fallback.state : final ? 'failed' : 'retrying',
      outcome:
        fallback?.outcome ??
        (final ? `Failed after ${step.attempts} attempts: ${error.message}` : undefined),
    });
    log.warn(
      { attempt: step.attempts, duration_ms: Date.now() - started, err: error.message, final },
      'failover_step_error',
    );
    if (!fallback && !final) await updateRunRetry(deps, run.id, backoffSeconds(step.attempts));
    return false;
  }
}

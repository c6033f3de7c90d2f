import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  failoverRuns,
  failoverSteps,
  type FailoverStepName,
  type FailoverStepState,
} from '@/db/schema';

type StepRow = typeof failoverSteps.$inferSelect;

/** Every write below holds only while `owner` holds the run's lease (fencing a stalled worker). */
const leaseHeld = (runId: string, owner: string) =>
  sql`exists (select 1 from ${failoverRuns} where ${failoverRuns.id} = ${runId} and ${failoverRuns.leaseOwner} = ${owner})`;

const where = (runId: string, step: FailoverStepName, owner: string) =>
  and(eq(failoverSteps.runId, runId), eq(failoverSteps.step, step), leaseHeld(runId, owner));

/**
 * Starts an attempt of a step. A step found `running` was cut short by a worker that died:
 * that attempt is recorded as an error and this one resumes it.
 */
export async function claimStep(
  db: Db,
  runId: string,
  step: FailoverStepName,
  owner: string,
  now: Date,
): Promise<StepRow | null> {
  const at = now.toISOString();
  const [claimed] = await db
    .update(failoverSteps)
    .set({
      state: 'running',
      attempts: sql`${failoverSteps.attempts} + 1`,
      startedAt: sql`coalesce(${failoverSteps.startedAt}, ${at}::timestamptz)`,
      lastAttemptAt: now,
      errors: sql`case when ${failoverSteps.state} = 'running'
        then ${failoverSteps.errors} || jsonb_build_array(jsonb_build_object(
          'at', ${at}::text, 'attempt', ${failoverSteps.attempts},
          'message', 'The worker stopped during this attempt; another worker resumed it'))
        else ${failoverSteps.errors} end`,
    })
    .where(
      and(
        where(runId, step, owner),
        inArray(failoverSteps.state, ['pending', 'running', 'retrying', 'waiting']),
      ),
    )
    .returning();
  return claimed ?? null;
}

/** Merges what a step created (ids, keys, sizes) into its output as soon as it exists. */
export async function recordStepOutput(
  db: Db,
  runId: string,
  step: FailoverStepName,
  owner: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await db
    .update(failoverSteps)
    .set({ output: sql`${failoverSteps.output} || ${JSON.stringify(patch)}::jsonb` })
    .where(where(runId, step, owner));
}

export async function finishStep(
  db: Db,
  runId: string,
  step: FailoverStepName,
  owner: string,
  result: { state: FailoverStepState; outcome: string; now: Date },
): Promise<void> {
  const finished =
    result.state === 'succeeded' || result.state === 'failed' || result.state === 'skipped';
  await db
    .update(failoverSteps)
    .set({ state: result.state, outcome: result.outcome, finishedAt: finished ? result.now : null })
    .where(where(runId, step, owner));
}

/** Records a failed attempt; the step is retried later (`retrying`) or waits (`waiting`). */
export async function recordStepError(
  db: Db,
  runId: string,
  step: FailoverStepName,
  owner: string,
  error: {
    message: string;
    attempt: number;
    now: Date;
    state: FailoverStepState;
    outcome?: string;
  },
): Promise<void> {
  const entry = {
    at: error.now.toISOString(),
    attempt: error.attempt,
    message: error.message.slice(0, 500),
  };
  await db
    .update(failoverSteps)
    .set({
      state: error.state,
      errors: sql`${failoverSteps.errors} || ${JSON.stringify([entry])}::jsonb`,
      ...(error.outcome ? { outcome: error.outcome } : {}),
      ...(error.state === 'failed' ? { finishedAt: error.now } : {}),
    })
    .where(where(runId, step, owner));
}

/** A step that cannot start yet says why (no attempt is counted). */
export async function markStepWaiting(
  db: Db,
  runId: string,
  step: FailoverStepName,
  owner: string,
  outcome: string,
): Promise<void> {
  await db
    .update(failoverSteps)
    .set({ state: 'waiting', outcome })
    .where(where(runId, step, owner));
}

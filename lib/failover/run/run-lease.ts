import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activeRunStates, failoverRuns } from '@/db/schema';

type RunRow = typeof failoverRuns.$inferSelect;

/**
 * A worker drives a run only while it holds the run's lease, renewed every couple of seconds.
 * A worker that dies stops renewing; once the lease runs out another worker may take the run
 * and resume it. Lease times are the database's, so workers' clocks need not agree.
 */
export const LEASE_SECONDS = 8;
export const HEARTBEAT_MS = 2_000;

const leaseEnd = sql`now() + make_interval(secs => ${LEASE_SECONDS})`;

export async function acquireRunLease(
  db: Db,
  runId: string,
  owner: string,
  now: Date,
): Promise<RunRow | null> {
  const [run] = await db
    .update(failoverRuns)
    .set({
      leaseOwner: owner,
      leaseUntil: leaseEnd,
      startedAt: sql`coalesce(${failoverRuns.startedAt}, ${now.toISOString()}::timestamptz)`,
      nextAttemptAt: null,
    })
    .where(
      and(
        eq(failoverRuns.id, runId),
        inArray(failoverRuns.state, activeRunStates),
        or(isNull(failoverRuns.leaseUntil), lt(failoverRuns.leaseUntil, sql`now()`)),
      ),
    )
    .returning();
  return run ?? null;
}

export async function renewRunLease(db: Db, runId: string, owner: string): Promise<boolean> {
  const result = await db
    .update(failoverRuns)
    .set({ leaseUntil: leaseEnd })
    .where(and(eq(failoverRuns.id, runId), eq(failoverRuns.leaseOwner, owner)));
  return (result.rowCount ?? 0) > 0;
}

export async function releaseRunLease(db: Db, runId: string, owner: string): Promise<void> {
  await db
    .update(failoverRuns)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(failoverRuns.id, runId), eq(failoverRuns.leaseOwner, owner)));
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(runId: string) {
    super(`lost the lease on run ${runId}`);
  }
}

/** Renews the lease until stopped; aborts `controller` the moment the lease is lost. */
export function keepLease(db: Db, runId: string, owner: string, controller: AbortController) {
  const timer = setInterval(() => {
    renewRunLease(db, runId, owner).then(
      (held) => held || controller.abort(new LeaseLostError(runId)),
      () => undefined, // a failed renewal is retried; the lease outlives two misses
    );
  }, HEARTBEAT_MS);
  return { stop: () => clearInterval(timer) };
}

/** Which runs need a worker now: active, nobody holding them, and not waiting out a back-off. */
export async function findOrphanedRuns(db: Db, limit = 50): Promise<string[]> {
  const rows = await db
    .select({ id: failoverRuns.id })
    .from(failoverRuns)
    .where(
      and(
        inArray(failoverRuns.state, ['running', 'restoring']),
        or(isNull(failoverRuns.leaseUntil), lt(failoverRuns.leaseUntil, sql`now()`)),
        or(isNull(failoverRuns.nextAttemptAt), lt(failoverRuns.nextAttemptAt, sql`now()`)),
      ),
    )
    .limit(limit);
  return rows.map((row) => row.id);
}

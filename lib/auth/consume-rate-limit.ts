import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

export interface RateLimitRule {
  /** Length of the window in seconds, counted from the first attempt in it. */
  windowSeconds: number;
  /** Attempts allowed within the window; the next one is refused. */
  max: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window ends (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt against `key` and says whether it is allowed. One statement does the read,
 * the reset of an elapsed window and the increment under the row's lock, so concurrent requests
 * in several web processes cannot all slip past a stale count.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<RateLimitDecision> {
  const at = now.toISOString();
  const result = await db.execute<{ count: number; window_started_at: string }>(sql`
    insert into rate_limits (key, count, window_started_at)
    values (${key}, 1, ${at}::timestamptz)
    on conflict (key) do update set
      count = case
        when rate_limits.window_started_at <= ${at}::timestamptz - make_interval(secs => ${rule.windowSeconds})
        then 1 else rate_limits.count + 1 end,
      window_started_at = case
        when rate_limits.window_started_at <= ${at}::timestamptz - make_interval(secs => ${rule.windowSeconds})
        then ${at}::timestamptz else rate_limits.window_started_at end
    returning count, window_started_at`);

  const row = result.rows[0]!;
  if (row.count <= rule.max) return { allowed: true, retryAfterSeconds: 0 };

  const endsAt = new Date(row.window_started_at).getTime() + rule.windowSeconds * 1000;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
  };
}

/** Forgets windows that ended long ago (the worker calls this hourly). */
export async function pruneRateLimits(db: Db, now: Date): Promise<void> {
  await db.execute(
    sql`delete from rate_limits where window_started_at < ${now.toISOString()}::timestamptz - interval '1 day'`,
  );
}

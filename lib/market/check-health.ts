import { desc, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { providerPolls, providerStatus } from '@/db/schema';
import type { Env } from '@/lib/env';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  database: { ok: boolean; error?: string };
  worker: { ok: boolean; lastPollAt: string | null };
  providers: Array<{
    provider: string;
    ok: boolean;
    lastSuccessAt: string | null;
    lastAttemptAt: string | null;
    lastError: string | null;
    consecutiveFailures: number;
    nextAttemptAt: string | null;
    offerCount: number;
  }>;
}

/**
 * The database answers, the worker has polled recently, and each provider's last poll worked.
 * Only an unreachable database makes the app `down`; a lagging worker or provider is `degraded`.
 */
export async function checkHealth(db: Db, now: Date, env: Pick<Env, 'POLL_INTERVAL_SECONDS' | 'STALE_AFTER_SECONDS'>): Promise<Health> {
  try {
    await db.execute(sql`select 1`);
  } catch (error) {
    return {
      status: 'down',
      database: { ok: false, error: 'database unreachable' },
      worker: { ok: false, lastPollAt: null },
      providers: [],
    };
  }

  const [lastPoll] = await db
    .select({ finishedAt: providerPolls.finishedAt })
    .from(providerPolls)
    .where(sql`${providerPolls.finishedAt} is not null`)
    .orderBy(desc(providerPolls.finishedAt))
    .limit(1);
  const statuses = await db.select().from(providerStatus).orderBy(providerStatus.provider);

  const fresh = (time: Date | null | undefined) =>
    !!time && now.getTime() - time.getTime() <= env.STALE_AFTER_SECONDS * 1_000;
  const providers = statuses.map((row) => ({
    provider: row.provider,
    ok: row.consecutiveFailures === 0 && fresh(row.lastSuccessAt),
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    offerCount: row.offerCount,
  }));
  const workerOk = fresh(lastPoll?.finishedAt);

  return {
    status: workerOk && providers.every((provider) => provider.ok) ? 'ok' : 'degraded',
    database: { ok: true },
    worker: { ok: workerOk, lastPollAt: lastPoll?.finishedAt?.toISOString() ?? null },
    providers,
  };
}

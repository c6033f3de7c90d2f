import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { providerPolls, providerStatus } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import type { ProviderAdapter } from '@/lib/providers/types';
import { computeIndicators } from './compute-indicators';
import { ingestMarketSnapshot } from './ingest-snapshot';

export interface PollDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  workerId: string;
  timeoutMs: number;
  intervalSeconds: number;
}

export interface PollOutcome {
  ok: boolean;
  offers: number;
  /** Seconds until this provider should be polled again. */
  nextPollSeconds: number;
  error?: string;
}

const MAX_BACKOFF_SECONDS = 600;
const HISTORY_DAYS = 7;
const OBSERVED_OVERLAP_MS = 3 * 3_600_000;

/** Doubles the wait after each failure in a row, up to ten minutes. */
export function backoffSeconds(intervalSeconds: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return intervalSeconds;
  return Math.min(MAX_BACKOFF_SECONDS, intervalSeconds * 2 ** consecutiveFailures);
}

/**
 * Fetches one provider's market and records it: offers, snapshots, observed rentals, then the
 * 24 h indicators. A timeout or a garbage answer is recorded on the provider's status (its
 * offers then read as stale) and the next attempt is pushed back; nothing is half-written.
 */
export async function pollProvider(adapter: ProviderAdapter, deps: PollDeps): Promise<PollOutcome> {
  const { db, clock, logger } = deps;
  const startedAt = clock.now();
  const [poll] = await db
    .insert(providerPolls)
    .values({ provider: adapter.name, workerId: deps.workerId, startedAt, outcome: 'running' })
    .returning({ id: providerPolls.id });

  const [status] = await db
    .select()
    .from(providerStatus)
    .where(eq(providerStatus.provider, adapter.name));
  // A provider seen for the first time may fill in the past week, so charts start full; later
  // polls ask from a little before the last success, so rentals that ended meanwhile are updated.
  const historySince = status?.lastSuccessAt
    ? undefined
    : new Date(startedAt.getTime() - HISTORY_DAYS * 86_400_000);
  const observedSince =
    historySince ?? new Date(status!.lastSuccessAt!.getTime() - OBSERVED_OVERLAP_MS);

  try {
    const snapshot = await adapter.listOffers({
      now: startedAt,
      observedSince,
      historySince,
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const ingested = await ingestMarketSnapshot(db, adapter.name, snapshot, startedAt, {
      markVanished: true,
    });
    await computeIndicators(db, adapter.name, startedAt);

    const finishedAt = clock.now();
    await recordStatus(db, adapter.name, {
      lastAttemptAt: startedAt,
      lastSuccessAt: startedAt,
      lastError: null,
      consecutiveFailures: 0,
      nextAttemptAt: new Date(finishedAt.getTime() + deps.intervalSeconds * 1_000),
      offerCount: ingested.offers,
    });
    await db
      .update(providerPolls)
      .set({ finishedAt, outcome: 'succeeded', offerCount: ingested.offers })
      .where(eq(providerPolls.id, poll!.id));
    logger.info(
      {
        provider: adapter.name,
        offers: ingested.offers,
        snapshots: ingested.snapshots,
        vanished: ingested.vanished,
        duration_ms: finishedAt.getTime() - startedAt.getTime(),
      },
      'provider_polled',
    );
    return { ok: true, offers: ingested.offers, nextPollSeconds: deps.intervalSeconds };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = (status?.consecutiveFailures ?? 0) + 1;
    const wait = backoffSeconds(deps.intervalSeconds, failures);
    const finishedAt = clock.now();
    await recordStatus(db, adapter.name, {
      lastAttemptAt: startedAt,
      lastSuccessAt: status?.lastSuccessAt ?? null,
      lastError: message.slice(0, 1_000),
      consecutiveFailures: failures,
      nextAttemptAt: new Date(finishedAt.getTime() + wait * 1_000),
      offerCount: status?.offerCount ?? 0,
    });
    await db
      .update(providerPolls)
      .set({ finishedAt, outcome: 'failed', error: message.slice(0, 1_000) })
      .where(eq(providerPolls.id, poll!.id));
    logger.warn(
      { provider: adapter.name, failures, retry_in_s: wait, error: message },
      'provider_poll_failed',
    );
    return { ok: false, offers: 0, nextPollSeconds: wait, error: message };
  }
}

async function recordStatus(
  db: Db,
  provider: string,
  values: Omit<typeof providerStatus.$inferInsert, 'provider'>,
): Promise<void> {
  await db
    .insert(providerStatus)
    .values({ provider, ...values })
    .onConflictDoUpdate({ target: providerStatus.provider, set: values });
}

/**
 * Seconds until a provider's next poll is due, or null while a poll of it is running (that poll
 * queues the next one when it ends). A poll running for over two minutes is taken as crashed (its job has expired by then).
 */
export async function secondsUntilDue(db: Db, provider: string, now: Date): Promise<number | null> {
  const [latest] = await db
    .select({ outcome: providerPolls.outcome, startedAt: providerPolls.startedAt })
    .from(providerPolls)
    .where(eq(providerPolls.provider, provider))
    .orderBy(desc(providerPolls.startedAt))
    .limit(1);
  if (latest?.outcome === 'running' && now.getTime() - latest.startedAt.getTime() < 120_000) {
    return null;
  }

  const [status] = await db
    .select()
    .from(providerStatus)
    .where(eq(providerStatus.provider, provider));
  const due = status?.nextAttemptAt?.getTime() ?? 0;
  return Math.max(0, Math.ceil((due - now.getTime()) / 1000));
}

/** Polls older than two days are of no use to anyone. */
export async function pruneProviderPolls(db: Db, now: Date): Promise<void> {
  await db.execute(
    sql`delete from provider_polls where started_at < ${now.toISOString()}::timestamptz - interval '2 days'`,
  );
}

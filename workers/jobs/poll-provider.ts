import { z } from 'zod';
import { evaluatePriceAlerts } from '@/lib/alerts/evaluate-alerts';
import { appUrlOf } from '@/lib/env';
import { wakeRestorableRuns } from '@/lib/failover/wake-restorable-runs';
import { pollProvider, secondsUntilDue } from '@/lib/market/poll-provider';
import { failoverDepsOf } from '../failover/failover-deps';
import { deliveryQueue } from './deliver-notification';
import { defineJob, type WorkerDeps } from './job';

const NAME = 'poll-provider';

/** Queues the next poll of a provider; a poll already waiting for it makes this a no-op. */
export const queuePoll = (deps: WorkerDeps, provider: string, afterSeconds: number) =>
  deps.boss.send(NAME, { provider }, { singletonKey: provider, startAfter: afterSeconds });

/**
 * Each provider is polled in a chain: a poll queues the next one `POLL_INTERVAL_SECONDS` later
 * (or later still after failures). The queue holds at most one waiting and one running poll per
 * provider, so any number of workers never run the same poll twice. A cron kick every minute
 * restarts a chain that a crashed worker broke.
 */
export const pollProviderJob = defineJob({
  name: NAME,
  payload: z.object({ provider: z.string() }),
  queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 120 },
  work: { pollingIntervalSeconds: 1 },
  async handle({ provider }, deps) {
    const adapter = deps.providers.get(provider);
    if (!adapter) return;

    const outcome = await pollProvider(adapter, {
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      workerId: deps.workerId,
      timeoutMs: deps.env.PROVIDER_TIMEOUT_MS,
      intervalSeconds: deps.env.POLL_INTERVAL_SECONDS,
    });
    try {
      if (outcome.ok) await evaluateAlerts(deps);
    } finally {
      await queuePoll(deps, provider, outcome.nextPollSeconds);
    }
    // New prices may let a rental on standby go back to a GPU.
    if (outcome.ok) {
      await wakeRestorableRuns(failoverDepsOf(deps)).catch((error) =>
        deps.logger.warn({ err: error }, 'failover_restore_check_failed'),
      );
    }
  },
  // A worker joining others must not add a poll right behind one that is running or just ran.
  async onStart(deps) {
    for (const provider of deps.providers.keys()) {
      const wait = await secondsUntilDue(deps.db, provider, deps.clock.now());
      if (wait !== null) await queuePoll(deps, provider, wait);
    }
  },
});

/**
 * Fresh prices: evaluate every price alert, then queue the notifications it decided. A worker
 * stopped between the two leaves queued rows that the notification sweep delivers.
 */
async function evaluateAlerts(deps: WorkerDeps): Promise<void> {
  const started = Date.now();
  const result = await evaluatePriceAlerts(deps.db, {
    now: deps.clock.now(),
    staleAfterSeconds: deps.env.STALE_AFTER_SECONDS,
    appUrl: appUrlOf(deps.env),
  });
  if (result.notificationIds.length > 0)
    await deliveryQueue(deps.boss).queue(result.notificationIds);
  if (result.fired + result.rearmed > 0) {
    deps.logger.info(
      {
        fired: result.fired,
        rearmed: result.rearmed,
        notifications: result.notificationIds.length,
        duration_ms: Date.now() - started,
      },
      'price_alerts_evaluated',
    );
  }
}

export const pollKickJob = defineJob({
  name: 'poll-kick',
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 0 },
  schedule: { cron: '* * * * *', data: {} },
  async handle(_payload, deps) {
    for (const provider of deps.providers.keys()) {
      await queuePoll(deps, provider, deps.env.POLL_INTERVAL_SECONDS);
    }
  },
});

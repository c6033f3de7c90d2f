import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { deliverNotification } from '@/lib/notify/deliver-notification';
import type { DeliveryQueue } from '@/lib/notify/queue-notifications';
import { defineJob } from './job';

const NAME = 'deliver-notification';
const BATCH = 500;

/**
 * Queues delivery of notifications. The queue keeps at most one waiting job per notification
 * (policy `short`, keyed by its id), so the sweep and the evaluation may both ask for it.
 */
export function deliveryQueue(boss: PgBoss): DeliveryQueue {
  return {
    async queue(notificationIds) {
      for (let i = 0; i < notificationIds.length; i += BATCH) {
        const jobs = notificationIds
          .slice(i, i + BATCH)
          .map((id) => ({ data: { notificationId: id }, singletonKey: id }));
        await boss.insert(NAME, jobs);
      }
    },
  };
}

/**
 * Sends one notification. Retries are ours, not pg-boss's: the handler records the failure and
 * its back-off on the notification row (visible to the user) and queues the next try; after
 * the last try the row ends as failed with the provider's reason.
 */
export const deliverNotificationJob = defineJob({
  name: NAME,
  payload: z.object({ notificationId: z.uuid() }),
  queue: { policy: 'short', retryLimit: 0, expireInSeconds: 300 },
  // Polled every second, in batches that keep coming while they come back full. (No LISTEN
  // connection: it would be one more client to lose when PostgreSQL stops before the worker.)
  work: { pollingIntervalSeconds: 1, batchSize: 5, burstWhenBatchFull: true },
  async handle({ notificationId }, deps) {
    const result = await deliverNotification(deps, notificationId);
    if (result.outcome === 'retrying') {
      await deps.boss.send(
        NAME,
        { notificationId },
        { singletonKey: notificationId, startAfter: result.retryInSeconds },
      );
    }
  },
});

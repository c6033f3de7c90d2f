import { z } from 'zod';
import { endInterruptedDeliveries, findDueNotifications } from '@/lib/notify/sweep-notifications';
import { deliveryQueue } from './deliver-notification';
import { defineJob } from './job';

const NAME = 'sweep-notifications';
const EVERY_SECONDS = 5;

/**
 * Every few seconds (chained, kicked each minute, and at start-up): queues notifications that
 * are due but have no delivery job — written by the web app, or left by a worker that stopped
 * between deciding and queueing — and ends deliveries interrupted mid-send.
 */
export const sweepNotificationsJob = defineJob({
  name: NAME,
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 120 },
  work: { pollingIntervalSeconds: 1 },
  schedule: { cron: '* * * * *', data: {} },
  async handle(_payload, deps) {
    try {
      const now = deps.clock.now();
      const interrupted = await endInterruptedDeliveries(deps.db, now);
      const due = await findDueNotifications(deps.db, now);
      if (due.length > 0) await deliveryQueue(deps.boss).queue(due);
      if (interrupted + due.length > 0)
        deps.logger.info({ due: due.length, interrupted }, 'notifications_swept');
    } finally {
      await deps.boss.send(NAME, {}, { startAfter: EVERY_SECONDS });
    }
  },
  async onStart(deps) {
    await deps.boss.send(NAME, {});
  },
});

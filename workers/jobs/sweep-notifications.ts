import { endInterruptedDeliveries, findDueNotifications } from '@/lib/notify/sweep-notifications';
import { deliveryQueue } from './deliver-notification';
import { defineRepeatingJob } from './job';

/**
 * Every few seconds (and at start-up): queues notifications that are due but have no delivery
 * job — written by the web app, or left by a worker that stopped between deciding and
 * queueing — and ends deliveries interrupted mid-send.
 */
export const sweepNotificationsJob = defineRepeatingJob({
  name: 'sweep-notifications',
  everySeconds: 5,
  async run(deps) {
    const now = deps.clock.now();
    const interrupted = await endInterruptedDeliveries(deps.db, now);
    const due = await findDueNotifications(deps.db, now);
    if (due.length > 0) await deliveryQueue(deps.boss).queue(due);
    if (interrupted + due.length > 0)
      deps.logger.info({ due: due.length, interrupted }, 'notifications_swept');
  },
});

import type { Db } from '@/db/client';
import type { FailoverChannel } from '@/lib/failover/settings/options';
import { queueNotifications, type DeliveryQueue } from '@/lib/notify/queue-notifications';

export interface FailoverNotification {
  userId: string;
  rentalId: string;
  /** What the message is about, once: `failover:<run>:<event>`; one row per channel under it. */
  dedupeKey: string;
  channels: readonly FailoverChannel[];
  title: string;
  body: string;
  /** Absolute: emails and push carry it out of the app. */
  link: string;
  now: Date;
}

/** Tells the user about a failover on their channels, once per dedupe key and channel. */
export interface FailoverNotifier {
  notify(db: Db, message: FailoverNotification): Promise<Array<{ id: string; channel: string }>>;
}

/**
 * Failover messages through the app's notifications (kind `failover`): one row per channel under
 * `<dedupe key>:<channel>` is written before anything is sent, and a key already written is left
 * alone, so a resumed run never tells the user twice. Delivery runs as its own job.
 */
export function failoverNotifier(deliveries?: DeliveryQueue): FailoverNotifier {
  return {
    notify: (db, message) =>
      queueNotifications(
        db,
        {
          userId: message.userId,
          kind: 'failover',
          dedupeKey: message.dedupeKey,
          channels: message.channels,
          title: message.title,
          body: message.body,
          link: message.link,
          rentalId: message.rentalId,
          now: message.now,
        },
        deliveries,
      ),
  };
}

import type { Db } from '@/db/client';
import { failoverNotifications, type FailoverChannel } from '@/db/schema';

export interface FailoverNotification {
  userId: string;
  rentalId: string;
  /** What the message is about, once: `failover:<run>:<event>`; one row per channel under it. */
  dedupeKey: string;
  channels: readonly FailoverChannel[];
  title: string;
  body: string;
  link: string;
  now: Date;
}

/** Tells the user about a failover on their channels, once per dedupe key and channel. */
export interface FailoverNotifier {
  notify(db: Db, message: FailoverNotification): Promise<Array<{ id: string; channel: string }>>;
}

/**
 * Writes one row per channel under `<dedupe key>:<channel>` before anything is sent; a key
 * already written is left alone, so a resumed run never tells the user twice.
 */
export const outboxNotifier: FailoverNotifier = {
  async notify(db, message) {
    const channels = [...new Set(message.channels)];
    if (channels.length === 0) return [];
    return db
      .insert(failoverNotifications)
      .values(
        channels.map((channel) => ({
          userId: message.userId,
          rentalId: message.rentalId,
          channel,
          dedupeKey: `${message.dedupeKey}:${channel}`,
          title: message.title,
          body: message.body,
          link: message.link,
          createdAt: message.now,
        })),
      )
      .onConflictDoNothing({ target: failoverNotifications.dedupeKey })
      .returning({ id: failoverNotifications.id, channel: failoverNotifications.channel });
  },
};

import type { Db } from '@/db/client';
import { notifications, type NotificationChannel, type NotificationKind } from '@/db/schema';

/** A database or a transaction on it: notifications may be written with the change they tell. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NotificationRequest {
  userId: string;
  kind: NotificationKind;
  /** What the notification is about, once: e.g. `failover:<run id>:standby`. */
  dedupeKey: string;
  channels: readonly NotificationChannel[];
  title: string;
  body: string;
  link: string | null;
  offerId?: string | null;
  alertId?: string | null;
  rentalId?: string | null;
  /** When it was decided (default: now); it is also when the first try is due. */
  now?: Date;
}

/** Puts notifications on the delivery queue (pg-boss in the worker). */
export interface DeliveryQueue {
  queue(notificationIds: string[]): Promise<void>;
}

/**
 * Writes one notification per channel under the key `<dedupeKey>:<channel>` before anything is
 * sent; a key already written is left alone, so asking twice (a retry, a second worker) tells
 * the user once. Returns the rows written now. With a delivery queue they are queued at once;
 * without one (the web app, or inside a transaction not yet committed) the worker's sweep finds
 * them within seconds.
 */
export async function queueNotifications(
  db: DbOrTx,
  request: NotificationRequest,
  deliveries?: DeliveryQueue,
): Promise<Array<{ id: string; channel: NotificationChannel }>> {
  const channels = [...new Set(request.channels)];
  if (channels.length === 0) return [];
  const now = request.now ?? new Date();

  const written = await db
    .insert(notifications)
    .values(
      channels.map((channel) => ({
        userId: request.userId,
        kind: request.kind,
        channel,
        dedupeKey: `${request.dedupeKey}:${channel}`,
        title: request.title,
        body: request.body,
        link: request.link,
        offerId: request.offerId ?? null,
        alertId: request.alertId ?? null,
        rentalId: request.rentalId ?? null,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id, channel: notifications.channel });

  if (deliveries && written.length > 0) await deliveries.queue(written.map((row) => row.id));
  return written;
}

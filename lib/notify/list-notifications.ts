import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications, offers } from '@/db/schema';

export interface NotificationView {
  id: string;
  kind: (typeof notifications.$inferSelect)['kind'];
  channel: (typeof notifications.$inferSelect)['channel'];
  state: (typeof notifications.$inferSelect)['state'];
  via: (typeof notifications.$inferSelect)['via'];
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
  alertId: string | null;
  offer: {
    id: string;
    gpuModel: string;
    gpuCount: number;
    location: string;
    provider: string;
  } | null;
}

const LIMIT = 200;

/** Every message sent (or being sent) to the user, newest first, with the offer it was about. */
export async function listNotifications(db: Db, userId: string): Promise<NotificationView[]> {
  const rows = await db
    .select({ notification: notifications, offer: offers })
    .from(notifications)
    .leftJoin(offers, eq(offers.id, notifications.offerId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(LIMIT);

  return rows.map(({ notification: n, offer }) => ({
    id: n.id,
    kind: n.kind,
    channel: n.channel,
    state: n.state,
    via: n.via,
    title: n.title,
    body: n.body,
    link: n.link,
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.state === 'retrying' ? n.nextAttemptAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    failedAt: n.failedAt?.toISOString() ?? null,
    alertId: n.alertId,
    offer: offer
      ? {
          id: offer.id,
          gpuModel: offer.gpuModel,
          gpuCount: offer.gpuCount,
          location: offer.location,
          provider: offer.provider,
        }
      : null,
  }));
}

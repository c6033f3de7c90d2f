import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers, priceAlerts, type NotificationChannel } from '@/db/schema';

type AlertRow = typeof priceAlerts.$inferSelect;
type OfferRow = typeof offers.$inferSelect;

export interface AlertView {
  id: string;
  gpuModel: string;
  maxPricePerGpuHour: number;
  region: string | null;
  location: string | null;
  channels: NotificationChannel[];
  state: 'armed' | 'fired' | 'paused';
  /** How many times it fired. */
  crossings: number;
  lastFired: {
    at: string;
    pricePerGpuHour: number | null;
    offer: { id: string; provider: string; location: string; gpuCount: number } | null;
  } | null;
  createdAt: string;
  updatedAt: string;
}

export function toAlertView(alert: AlertRow, offer: OfferRow | null): AlertView {
  return {
    id: alert.id,
    gpuModel: alert.gpuModel,
    maxPricePerGpuHour: alert.maxPricePerGpuHour,
    region: alert.region,
    location: alert.location,
    channels: alert.channels,
    state: alert.pausedAt ? 'paused' : alert.state,
    crossings: alert.crossing,
    lastFired: alert.lastFiredAt
      ? {
          at: alert.lastFiredAt.toISOString(),
          pricePerGpuHour: alert.lastFiredPricePerGpuHour,
          offer: offer
            ? {
                id: offer.id,
                provider: offer.provider,
                location: offer.location,
                gpuCount: offer.gpuCount,
              }
            : null,
        }
      : null,
    createdAt: alert.createdAt.toISOString(),
    updatedAt: alert.updatedAt.toISOString(),
  };
}

/** The user's price alerts, newest first, each with the offer it last fired for. */
export async function listAlerts(db: Db, userId: string, alertId?: string): Promise<AlertView[]> {
  const rows = await db
    .select({ alert: priceAlerts, offer: offers })
    .from(priceAlerts)
    .leftJoin(offers, eq(offers.id, priceAlerts.lastFiredOfferId))
    .where(and(eq(priceAlerts.userId, userId), alertId ? eq(priceAlerts.id, alertId) : undefined))
    .orderBy(desc(priceAlerts.createdAt), desc(priceAlerts.id));
  return rows.map((row) => toAlertView(row.alert, row.offer));
}

import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers, providerStatus } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { staleSql, toOfferView, type OfferView, type OfferViewOptions } from './offer-view';

/** One offer as the market table shows it (the link in a price alert opens this). */
export async function getOffer(
  db: Db,
  offerId: string,
  options: OfferViewOptions,
): Promise<OfferView> {
  const [row] = await db
    .select({ offer: offers, stale: staleSql(options) })
    .from(offers)
    .leftJoin(providerStatus, eq(providerStatus.provider, offers.provider))
    .where(eq(offers.id, offerId));
  if (!row) throw notFound('Offer');
  return toOfferView(row.offer, row.stale, options);
}

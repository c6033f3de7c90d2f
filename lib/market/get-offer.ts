import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers, providerStatus } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { toOfferView, type OfferView } from './search-offers';

/** One offer as the market table shows it (the link in a price alert opens this). */
export async function getOffer(
  db: Db,
  offerId: string,
  options: { now: Date; staleAfterSeconds: number },
): Promise<OfferView> {
  const [row] = await db
    .select({
      offer: offers,
      stale: sql<boolean>`(coalesce(${providerStatus.consecutiveFailures}, 0) > 0
        or ${offers.lastSeenAt} < ${options.now.toISOString()}::timestamptz - make_interval(secs => ${options.staleAfterSeconds}))`,
    })
    .from(offers)
    .leftJoin(providerStatus, eq(providerStatus.provider, offers.provider))
    .where(eq(offers.id, offerId));
  if (!row) throw notFound('Offer');
  return toOfferView(row.offer, row.stale, options.now);
}

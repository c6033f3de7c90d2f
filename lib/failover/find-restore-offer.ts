import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers, type rentals } from '@/db/schema';

type RentalRow = typeof rentals.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;

/**
 * The offer a rental on standby would go back to: same GPU model and count, available, at or
 * below the bound per GPU-hour, seen by a live poll (never one read from a saved file), on a
 * provider that rents idempotently. Same region first, then the cheapest.
 */
export async function findRestoreOffer(
  db: Db,
  rental: RentalRow,
  boundPerGpuHour: number,
  providers: string[],
): Promise<OfferRow | null> {
  if (providers.length === 0) return null;
  const [offer] = await db
    .select()
    .from(offers)
    .where(
      and(
        eq(offers.gpuModel, rental.gpuModel),
        eq(offers.gpuCount, rental.gpuCount),
        eq(offers.available, true),
        eq(offers.source, 'feed'),
        inArray(offers.provider, providers),
        lte(offers.spotPricePerGpuHour, boundPerGpuHour + 1e-9),
      ),
    )
    .orderBy(
      desc(sql`${offers.region} = ${rental.region}`),
      asc(offers.spotPricePerGpuHour),
      asc(offers.id),
    )
    .limit(1);
  return offer ?? null;
}

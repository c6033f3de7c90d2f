import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { ingestMarketSnapshot } from '@/lib/market/ingest-snapshot';
import { placeOf } from '@/lib/market/regions';
import type { ProviderOffer } from '@/lib/providers/types';

export interface OfferSpec {
  externalId: string;
  gpuModel?: string;
  gpuCount?: number;
  /** ISO country and US state, e.g. ['US', 'Virginia'] for US-East. */
  at?: [string, string];
  /** Per GPU-hour; null lists the offer as unavailable. */
  pricePerGpuHour: number | null;
}

/** A provider answer built from short specs, written through the real ingest path. */
export async function ingestOffers(
  db: Db,
  provider: string,
  specs: OfferSpec[],
  now: Date,
): Promise<void> {
  const offers: ProviderOffer[] = specs.map((spec) => {
    const gpuCount = spec.gpuCount ?? 1;
    const [country, area] = spec.at ?? ['US', 'Virginia'];
    return {
      ...placeOf(country, area)!,
      externalId: spec.externalId,
      gpuModel: spec.gpuModel ?? 'RTX 4090',
      gpuCount,
      vramGb: 24,
      spotPricePerHour: (spec.pricePerGpuHour ?? 0.5) * gpuCount,
      onDemandPricePerHour: 1.5 * gpuCount,
      available: spec.pricePerGpuHour !== null,
      availableCount: spec.pricePerGpuHour === null ? 0 : 2,
      providerReliability: null,
    };
  });
  await ingestMarketSnapshot(db, provider, { offers, observedRentals: [] }, now, {
    markVanished: false,
  });
}

export async function createUser(
  db: Db,
  id: string,
  contact: { email?: string; phone?: string | null } = {},
): Promise<string> {
  await db
    .insert(users)
    .values({
      id,
      name: id,
      email: contact.email ?? `${id}@example.test`,
      phone: contact.phone ?? null,
    })
    .onConflictDoNothing();
  return id;
}

export async function countRows(db: Db, table: string, where = sql`true`): Promise<number> {
  const result = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from ${sql.identifier(table)} where ${where}`,
  );
  return result.rows[0]!.count;
}

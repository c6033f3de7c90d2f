import type { Db } from '@/db/client';
import { ingestMarketSnapshot } from '@/lib/market/ingest-snapshot';
import { placeOf } from '@/lib/market/regions';
import type { ProviderOffer } from '@/lib/providers/types';

/** A provider offer with sensible defaults, for tests that need a few exact ones. */
export function offer(overrides: Partial<ProviderOffer> & { externalId: string }): ProviderOffer {
  return {
    ...placeOf('US', 'Virginia')!,
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb: 24,
    spotPricePerHour: 0.4,
    onDemandPricePerHour: 1.5,
    available: true,
    availableCount: 1,
    providerReliability: null,
    ...overrides,
  };
}

export async function seedOffers(db: Db, provider: string, offers: ProviderOffer[], now: Date) {
  return ingestMarketSnapshot(db, provider, { offers, observedRentals: [] }, now, {
    markVanished: false,
  });
}

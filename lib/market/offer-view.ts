import { sql } from 'drizzle-orm';
import { offers, providerStatus } from '@/db/schema';
import type { ReliabilityClass } from './reliability';

export interface OfferView {
  id: string;
  marketId: string;
  provider: string;
  gpuModel: string;
  gpuCount: number;
  vramGb: number;
  region: string;
  location: string;
  country: string | null;
  city: string | null;
  spotPricePerGpuHour: number;
  onDemandPricePerGpuHour: number;
  spotPricePerHour: number;
  onDemandPricePerHour: number;
  savingsPercent: number | null;
  available: boolean;
  availableCount: number;
  reliability: {
    interruptionRate24h: number | null;
    class: ReliabilityClass | null;
    meanTimeToInterruptionHours: number | null;
    observedRentals24h: number;
    providerReliability: number | null;
  };
  lastSeenAt: string;
  ageSeconds: number;
  /** Not a live price: the feed is failing or late, or the offer came from a saved file. */
  stale: boolean;
  source: 'feed' | 'file';
  /** This server can rent it (its provider is connected). */
  rentable: boolean;
}

export interface OfferViewOptions {
  now: Date;
  staleAfterSeconds: number;
  /** Providers this server can rent from. */
  rentableProviders: ReadonlySet<string>;
}

/**
 * Not a live price: the provider's last poll failed, the offer has not been seen for a while, or
 * it came from a saved file. Reads `provider_status`, so the query must join it.
 */
export const staleSql = (options: Pick<OfferViewOptions, 'now' | 'staleAfterSeconds'>) =>
  sql<boolean>`(coalesce(${providerStatus.consecutiveFailures}, 0) > 0
    or ${offers.source} = 'file'
    or ${offers.lastSeenAt} < ${options.now.toISOString()}::timestamptz
      - make_interval(secs => ${options.staleAfterSeconds}))`;

const savings = (spot: number, onDemand: number) =>
  onDemand > 0 ? Math.round((1 - spot / onDemand) * 1000) / 10 : null;

export function toOfferView(
  offer: typeof offers.$inferSelect,
  stale: boolean,
  options: OfferViewOptions,
): OfferView {
  const { now } = options;
  return {
    id: offer.id,
    marketId: offer.marketId,
    provider: offer.provider,
    gpuModel: offer.gpuModel,
    gpuCount: offer.gpuCount,
    vramGb: offer.vramGb,
    region: offer.region,
    location: offer.location,
    country: offer.country,
    city: offer.city,
    spotPricePerGpuHour: offer.spotPricePerGpuHour,
    onDemandPricePerGpuHour: offer.onDemandPricePerGpuHour,
    spotPricePerHour: offer.spotPricePerHour,
    onDemandPricePerHour: offer.onDemandPricePerHour,
    savingsPercent: savings(offer.spotPricePerHour, offer.onDemandPricePerHour),
    available: offer.available,
    availableCount: offer.availableCount,
    reliability: {
      interruptionRate24h: offer.interruptionRate24h,
      class: offer.reliabilityClass,
      meanTimeToInterruptionHours: offer.meanTimeToInterruptionHours,
      observedRentals24h: offer.observedRentals24h,
      providerReliability: offer.providerReliability,
    },
    lastSeenAt: offer.lastSeenAt.toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - offer.lastSeenAt.getTime()) / 1000)),
    stale,
    source: offer.source,
    rentable: options.rentableProviders.has(offer.provider),
  };
}

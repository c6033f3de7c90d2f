import type { MarketSnapshot, ProviderOffer } from '../types';
import { placeOfGeolocation } from './geolocation';
import { gpuModelOf } from './gpu-names';
import { parseVastaiOffers, type VastaiBundle } from './parse-offers';

const MB_PER_GB = 1024;

/** Vast.ai's prices are already for the whole machine per hour, as ours are. */
export function toProviderOffer(bundle: VastaiBundle): ProviderOffer {
  const vramGb = Math.round(bundle.gpu_ram / MB_PER_GB);
  const available = bundle.rentable && !bundle.rented;
  const reliability = bundle.reliability2;

  return {
    ...placeOfGeolocation(bundle.geolocation),
    externalId: String(bundle.id),
    gpuModel: gpuModelOf(bundle.gpu_name, vramGb),
    gpuCount: bundle.num_gpus,
    vramGb,
    spotPricePerHour: bundle.min_bid,
    onDemandPricePerHour: bundle.dph_total,
    available,
    // Each Vast.ai offer is one machine (or one slice of it): it is free or it is not.
    availableCount: available ? 1 : 0,
    providerReliability:
      reliability === null || reliability === undefined
        ? null
        : Math.min(1, Math.max(0, reliability)),
  };
}

/**
 * A whole offer-search answer as a market snapshot. Vast.ai publishes no one else's rentals, so
 * its reliability indicators come from our own users' rentals only.
 */
export function vastaiSnapshotOf(text: string): MarketSnapshot {
  return { offers: parseVastaiOffers(text).map(toProviderOffer), observedRentals: [] };
}

import type { MarketSnapshot } from './types';
import { vastaiSnapshotOf } from './vastai/map-offers';

export interface MarketImporter {
  displayName: string;
  /** Reads one saved answer of the provider's offer search; throws ProviderError when it cannot. */
  read(text: string): MarketSnapshot;
}

/** Providers whose saved offer-search answers `npm run market:import` loads, by name. */
export const marketImporters: Readonly<Record<string, MarketImporter>> = {
  vastai: { displayName: 'Vast.ai', read: vastaiSnapshotOf },
};

export const importerOf = (provider: string): MarketImporter | undefined =>
  Object.hasOwn(marketImporters, provider) ? marketImporters[provider] : undefined;

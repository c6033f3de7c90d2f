import fs from 'node:fs/promises';
import type { Db } from '@/db/client';
import { invalid } from '@/lib/errors';
import { importerOf } from '@/lib/providers/importers';
import type { MarketSnapshot, ProviderOffer } from '@/lib/providers/types';
import { computeIndicators } from './compute-indicators';
import { ingestMarketSnapshot } from './ingest-snapshot';
import { forgetMarketCatalog } from './market-catalog';
import { regions, type Region } from './regions';

export interface ImportSummary {
  provider: string;
  offers: number;
  available: number;
  gpuModels: number;
  regions: string[];
  locations: number;
}

/** Reads and checks a whole saved answer before anything is written; throws on the first fault. */
export async function readMarketFile(provider: string, filePath: string): Promise<MarketSnapshot> {
  const importer = importerOf(provider);
  if (!importer) throw invalid(`No importer for provider "${provider}"`);
  return importer.read(await fs.readFile(filePath, 'utf8'));
}

/**
 * Loads one saved answer into the market beside the live feeds (one transaction). A saved
 * answer is a partial, dated view: its offers are dated `observedAt` and marked as coming from a
 * file (shown as such, never a live price for alerts), offers it does not list are left as they
 * are, and it never overwrites newer prices.
 */
export async function importMarketSnapshot(
  db: Db,
  provider: string,
  snapshot: MarketSnapshot,
  observedAt: Date,
): Promise<ImportSummary> {
  const ingested = await ingestMarketSnapshot(db, provider, snapshot, observedAt, {
    markVanished: false,
    source: 'file',
  });
  await computeIndicators(db, provider, new Date());
  forgetMarketCatalog(db);

  // As ingest does: the last listing of an offer is the one that counts.
  const offers = [...new Map(snapshot.offers.map((offer) => [offer.externalId, offer])).values()];
  const distinct = (pick: (offer: ProviderOffer) => string) => [...new Set(offers.map(pick))];
  return {
    provider,
    offers: ingested.offers,
    available: offers.filter((offer) => offer.available).length,
    gpuModels: distinct((offer) => offer.gpuModel).length,
    regions: distinct((offer) => offer.region).sort(
      (a, b) => regions.indexOf(a as Region) - regions.indexOf(b as Region),
    ),
    locations: distinct((offer) => offer.location).length,
  };
}

export async function importMarketFile(
  db: Db,
  provider: string,
  filePath: string,
  observedAt: Date,
): Promise<ImportSummary> {
  const snapshot = await readMarketFile(provider, filePath);
  return importMarketSnapshot(db, provider, snapshot, observedAt);
}

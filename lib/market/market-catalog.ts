import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { compareGpuModels } from './gpu-models';
import { regions } from './regions';

export interface MarketCatalog {
  gpuModels: string[];
  regions: string[];
  locations: Array<{ location: string; region: string }>;
  providers: string[];
}

const CACHE_MS = 15_000;
const cache = new WeakMap<Db, { at: number; catalog: Promise<MarketCatalog> }>();

/**
 * What the market holds right now: every GPU model (featured ones first), region, location and
 * provider present in the offers. Cached briefly: it changes only when a poll brings new shapes.
 */
export function getMarketCatalog(db: Db, now = Date.now()): Promise<MarketCatalog> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CACHE_MS) return hit.catalog;

  const catalog = loadCatalog(db);
  cache.set(db, { at: now, catalog });
  catalog.catch(() => cache.delete(db));
  return catalog;
}

async function loadCatalog(db: Db): Promise<MarketCatalog> {
  const [models, places, providers] = await Promise.all([
    db.execute<{ gpu_model: string }>(sql`select distinct gpu_model from offers`),
    db.execute<{ region: string; location: string }>(sql`select distinct region, location from offers`),
    db.execute<{ provider: string }>(sql`select distinct provider from offers`),
  ]);

  const regionOrder = (region: string) => {
    const index = (regions as readonly string[]).indexOf(region);
    return index === -1 ? regions.length : index;
  };
  const presentRegions = new Set(places.rows.map((row) => row.region));
  return {
    gpuModels: models.rows.map((row) => row.gpu_model).sort(compareGpuModels),
    regions: [...regions.filter((region) => presentRegions.has(region)),
      ...[...presentRegions].filter((region) => !(regions as readonly string[]).includes(region))],
    locations: places.rows
      .map((row) => ({ location: row.location, region: row.region }))
      .sort((a, b) => regionOrder(a.region) - regionOrder(b.region) || a.location.localeCompare(b.location)),
    providers: providers.rows.map((row) => row.provider).sort(),
  };
}

/** Forgets the cached catalog (after an import, or in tests). */
export function forgetMarketCatalog(db: Db): void {
  cache.delete(db);
}

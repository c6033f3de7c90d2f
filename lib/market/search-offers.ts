import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers, providerStatus } from '@/db/schema';
import { invalid, type FieldErrors } from '@/lib/errors';
import { getMarketCatalog } from './market-catalog';
import { decodeCursor, encodeCursor, type OfferCursor, type OfferSearchQuery } from './offer-query';
import { regions } from './regions';
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
  stale: boolean;
}

export interface OfferPage {
  offers: OfferView[];
  nextCursor: string | null;
}

const findIgnoringCase = (list: readonly string[], value: string) =>
  list.find((item) => item.toLowerCase() === value.toLowerCase());

/** Checks names against what the market holds, so a typo is a 400 and not an empty page. */
async function resolveNames(db: Db, query: OfferSearchQuery) {
  const catalog = await getMarketCatalog(db);
  const fields: FieldErrors = {};

  const gpu = query.gpu && findIgnoringCase(catalog.gpuModels, query.gpu);
  if (query.gpu && !gpu) fields.gpu = `unknown GPU model "${query.gpu}"`;

  const knownPlaces = [...regions, ...catalog.regions, ...catalog.locations.map((row) => row.location)];
  const place = query.region && findIgnoringCase(knownPlaces, query.region);
  if (query.region && !place) fields.region = `unknown region or location "${query.region}"`;

  const provider = query.provider && findIgnoringCase(catalog.providers, query.provider);
  if (query.provider && !provider) fields.provider = `unknown provider "${query.provider}"`;

  let cursor: OfferCursor | undefined;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor);
    if (!cursor) fields.cursor = 'is not a cursor this API handed out';
    else if (cursor.sort !== query.sort || cursor.order !== query.order) {
      fields.cursor = 'belongs to a different sort order';
    }
  }

  if (Object.keys(fields).length) throw invalid('Invalid offer search', fields);
  const isRegion = !!place && (regions as readonly string[]).includes(place);
  return { gpu, place, isRegion, provider, cursor };
}

/** Rows strictly after the cursor in the page's order. */
function afterCursor(query: OfferSearchQuery, cursor: OfferCursor): SQL {
  const priceAndId =
    query.sort === 'price' && query.order === 'desc'
      ? sql`(${offers.spotPricePerGpuHour}, ${offers.id}) < (${cursor.price}, ${cursor.id}::uuid)`
      : sql`(${offers.spotPricePerGpuHour}, ${offers.id}) > (${cursor.price}, ${cursor.id}::uuid)`;
  if (query.sort === 'price') return priceAndId;

  const fewer = query.order === 'desc';
  return sql`(${offers.availableCount} ${sql.raw(fewer ? '<' : '>')} ${cursor.count}
    or (${offers.availableCount} = ${cursor.count} and ${priceAndId}))`;
}

function orderOf(query: OfferSearchQuery) {
  if (query.sort === 'price') {
    const by = query.order === 'asc' ? asc : desc;
    return [by(offers.spotPricePerGpuHour), by(offers.id)];
  }
  const byCount = query.order === 'asc' ? asc : desc;
  return [byCount(offers.availableCount), asc(offers.spotPricePerGpuHour), asc(offers.id)];
}

const savings = (spot: number, onDemand: number) =>
  onDemand > 0 ? Math.round((1 - spot / onDemand) * 1000) / 10 : null;

/** The market table: filtered, sorted by price per GPU-hour or availability, a page at a time. */
export async function searchOffers(
  db: Db,
  query: OfferSearchQuery,
  options: { now: Date; staleAfterSeconds: number },
): Promise<OfferPage> {
  const { gpu, place, isRegion, provider, cursor } = await resolveNames(db, query);
  const now = options.now.toISOString();

  const conditions = [
    query.available === 'true' ? eq(offers.available, true) : undefined,
    gpu ? eq(offers.gpuModel, gpu) : undefined,
    query.minVram ? gte(offers.vramGb, query.minVram) : undefined,
    query.maxPrice ? lte(offers.spotPricePerGpuHour, query.maxPrice) : undefined,
    place ? eq(isRegion ? offers.region : offers.location, place) : undefined,
    provider ? eq(offers.provider, provider) : undefined,
    query.reliability ? eq(offers.reliabilityClass, query.reliability) : undefined,
    cursor ? afterCursor(query, cursor) : undefined,
  ];

  const rows = await db
    .select({
      offer: offers,
      stale: sql<boolean>`(coalesce(${providerStatus.consecutiveFailures}, 0) > 0
        or ${offers.lastSeenAt} < ${now}::timestamptz - make_interval(secs => ${options.staleAfterSeconds}))`,
    })
    .from(offers)
    .leftJoin(providerStatus, eq(providerStatus.provider, offers.provider))
    .where(and(...conditions))
    .orderBy(...orderOf(query))
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.offer;
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({
          sort: query.sort,
          order: query.order,
          price: last.spotPricePerGpuHour,
          count: last.availableCount,
          id: last.id,
        })
      : null;

  return {
    offers: page.map(({ offer, stale }) => toOfferView(offer, stale, options.now)),
    nextCursor,
  };
}

export function toOfferView(offer: typeof offers.$inferSelect, stale: boolean, now: Date): OfferView {
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
  };
}

import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers, providerStatus } from '@/db/schema';
import { invalid, type FieldErrors } from '@/lib/errors';
import { getMarketCatalog } from './market-catalog';
import { decodeCursor, encodeCursor, type OfferCursor, type OfferSearchQuery } from './offer-query';
import { staleSql, toOfferView, type OfferView, type OfferViewOptions } from './offer-view';
import { regions } from './regions';

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

  const knownPlaces = [
    ...regions,
    ...catalog.regions,
    ...catalog.locations.map((row) => row.location),
  ];
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

/** The SQL behind a page of the market table (also run bare by the market benchmark). */
export async function offerSearchStatement(
  db: Db,
  query: OfferSearchQuery,
  options: OfferViewOptions,
) {
  const { gpu, place, isRegion, provider, cursor } = await resolveNames(db, query);
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

  // Wrapped: a query builder is thenable, and returning it bare from an async function runs it.
  const statement = db
    .select({
      offer: offers,
      stale: staleSql(options),
    })
    .from(offers)
    .leftJoin(providerStatus, eq(providerStatus.provider, offers.provider))
    .where(and(...conditions))
    .orderBy(...orderOf(query))
    .limit(query.limit + 1);
  return { statement };
}

/** The market table: filtered, sorted by price per GPU-hour or availability, a page at a time. */
export async function searchOffers(
  db: Db,
  query: OfferSearchQuery,
  options: OfferViewOptions,
): Promise<OfferPage> {
  const { statement } = await offerSearchStatement(db, query, options);
  const rows = await statement;

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
    offers: page.map(({ offer, stale }) => toOfferView(offer, stale, options)),
    nextCursor,
  };
}

export type { OfferView } from './offer-view';

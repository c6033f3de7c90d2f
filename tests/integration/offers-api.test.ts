import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetMarketCatalog } from '@/lib/market/market-catalog';
import { placeOf } from '@/lib/market/regions';
import type { OfferPage } from '@/lib/market/search-offers';
import { offer, seedOffers } from '../support/seed-offers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let GET: (request: Request, context: unknown) => Promise<Response>;

const get = async (query: string) => {
  const response = await GET(new Request(`http://localhost/api/offers?${query}`), {});
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  ({ GET } = await import('@/app/api/offers/route'));

  const now = new Date();
  const offers = Array.from({ length: 130 }, (_, i) =>
    offer({
      externalId: `o${i}`,
      gpuModel: i % 2 ? 'RTX 4090' : 'H100',
      vramGb: i % 2 ? 24 : 80,
      gpuCount: i % 4 === 3 ? 4 : 1,
      ...(i % 3 ? placeOf('US', 'Oregon')! : placeOf('DE', 'Hesse')!),
      // Many equal prices, so paging must break ties by id.
      spotPricePerHour: (0.2 + (i % 13) * 0.05) * (i % 4 === 3 ? 4 : 1),
      onDemandPricePerHour: 2 * (i % 4 === 3 ? 4 : 1),
      availableCount: i % 5,
      available: i % 5 > 0,
    }),
  );
  await seedOffers(database.db, 'test', offers, now);
  forgetMarketCatalog(database.db);
});
afterAll(async () => {
  await database.drop();
});

describe('GET /api/offers', () => {
  it('answers offers with every field the market shows', async () => {
    const { status, body } = await get('limit=1&gpu=RTX%204090');
    expect(status).toBe(200);
    expect(Object.keys(body.offers[0]).sort()).toEqual(
      [
        'id',
        'marketId',
        'provider',
        'gpuModel',
        'gpuCount',
        'vramGb',
        'region',
        'location',
        'country',
        'city',
        'spotPricePerGpuHour',
        'onDemandPricePerGpuHour',
        'spotPricePerHour',
        'onDemandPricePerHour',
        'savingsPercent',
        'available',
        'availableCount',
        'reliability',
        'lastSeenAt',
        'ageSeconds',
        'stale',
        'source',
        'rentable',
      ].sort(),
    );
    expect(Object.keys(body.offers[0].reliability).sort()).toEqual(
      [
        'class',
        'interruptionRate24h',
        'meanTimeToInterruptionHours',
        'observedRentals24h',
        'providerReliability',
      ].sort(),
    );
    expect(typeof body.nextCursor).toBe('string');
  });

  it('filters by GPU, VRAM per GPU, price per GPU-hour and region, and compares per GPU-hour', async () => {
    const { body } = await get('gpu=rtx%204090&minVram=24&maxPrice=0.40&region=US-West&limit=200');
    expect(body.offers.length).toBeGreaterThan(0);
    for (const row of body.offers) {
      expect(row).toMatchObject({ gpuModel: 'RTX 4090', location: 'US-West', available: true });
      expect(row.spotPricePerGpuHour).toBeLessThanOrEqual(0.4);
      expect(row.spotPricePerHour).toBeCloseTo(row.spotPricePerGpuHour * row.gpuCount, 4);
    }
    // A 4-GPU machine at $1.40/h is $0.35 per GPU-hour: it passes a $0.40 bound.
    expect(body.offers.some((row: { gpuCount: number }) => row.gpuCount === 4)).toBe(true);
  });

  it('walks every available offer exactly once through the cursor, in price order', async () => {
    for (const [sort, order] of [
      ['price', 'asc'],
      ['price', 'desc'],
      ['availability', 'desc'],
      ['availability', 'asc'],
    ]) {
      const seen: OfferPage['offers'] = [];
      let cursor: string | null = null;
      do {
        const { status, body }: { status: number; body: OfferPage } = await get(
          `sort=${sort}&order=${order}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(status).toBe(200);
        seen.push(...body.offers);
        cursor = body.nextCursor;
      } while (cursor);

      expect(new Set(seen.map((row) => row.id)).size).toBe(seen.length);
      expect(seen.length).toBe(104); // 130 offers, one in five unavailable
      const key = (row: OfferPage['offers'][number]) =>
        sort === 'price' ? row.spotPricePerGpuHour : row.availableCount;
      const keys = seen.map(key);
      const sorted = [...keys].sort((a, b) => (order === 'asc' ? a - b : b - a));
      expect(keys).toEqual(sorted);
    }
  });

  it('includes offers that are gone when asked', async () => {
    const { body } = await get('available=any&limit=200');
    expect(body.offers.some((row: { available: boolean }) => !row.available)).toBe(true);
  });

  it.each([
    ['gpu=RTX%209999', { gpu: 'unknown GPU model "RTX 9999"' }],
    ['region=Mars', { region: 'unknown region or location "Mars"' }],
    ['provider=nope', { provider: 'unknown provider "nope"' }],
    ['maxPrice=-0.5', { maxPrice: 'must be a number such as 0.50' }],
    ['maxPrice=5.5', { maxPrice: 'must be at most 5.00' }],
    ['minVram=10', { minVram: 'must be one of 8, 16, 24, 40, 80' }],
    ['cursor=garbage', { cursor: 'is not a cursor this API handed out' }],
    ['sort=price&limit=abc', { limit: 'must be a whole number' }],
    ['gpu=H100&gpu=A100', { gpu: 'is given more than once' }],
    ['vram=24', { vram: 'is not a known parameter' }],
  ])('answers 400 naming the field for %s', async (query, fields) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid');
    expect(body.error.fields).toEqual(fields);
  });

  it('refuses a cursor from another sort order', async () => {
    const first = await get('sort=price&limit=2');
    const { status, body } = await get(`sort=availability&limit=2&cursor=${first.body.nextCursor}`);
    expect(status).toBe(400);
    expect(body.error.fields).toEqual({ cursor: 'belongs to a different sort order' });
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/lib/clock';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { searchOffers } from '@/lib/market/search-offers';
import { offerSearchQuery } from '@/lib/market/offer-query';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('polling the simulated market', () => {
  it('stores offers, snapshots and indicators', async () => {
    const clock = new ManualClock(Date.parse('2026-06-01T00:00:00Z'));
    const adapter = new SimulatedProvider({ db: database.db, clock, seed: 42 });
    const deps = { db: database.db, clock, logger, workerId: 't', timeoutMs: 5_000, intervalSeconds: 30 };

    const first = await pollProvider(adapter, deps);
    expect(first.ok).toBe(true);
    clock.advance(30_000);
    await pollProvider(adapter, deps);

    const counts = await database.db.execute(sql`select
      (select count(*)::int from offers) as offers,
      (select count(*)::int from price_snapshots) as snapshots,
      (select count(*)::int from market_rentals) as rentals,
      (select count(*)::int from offers where reliability_class is not null) as classified`);
    console.log(counts.rows[0]);
    const page = await searchOffers(database.db, offerSearchQuery.parse({ gpu: 'RTX 4090', region: 'US', maxPrice: '0.50' }), {
      now: clock.now(),
      staleAfterSeconds: 120,
    });
    console.log(page.offers.slice(0, 3));
    expect(page.offers.length).toBeGreaterThan(0);
  });
});

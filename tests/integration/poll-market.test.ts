import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/lib/clock';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import type { MarketSnapshot, ProviderAdapter } from '@/lib/providers/types';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const MINUTE = 60_000;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const count = async (query: ReturnType<typeof sql>) =>
  Number((await database.db.execute<{ n: number }>(query)).rows[0]!.n);

describe('a day of the simulated market, polled in seconds', () => {
  const clock = new ManualClock(Date.parse('2026-06-01T00:00:00Z'));

  it('polls → snapshots → indicators over 24 h', async () => {
    const provider = new SimulatedProvider({ db: database.db, clock, seed: 42 });
    const deps = {
      db: database.db,
      clock,
      logger,
      workerId: 'test',
      timeoutMs: 10_000,
      intervalSeconds: 30,
    };

    const first = await pollProvider(provider, deps);
    expect(first).toMatchObject({ ok: true, offers: 91, nextPollSeconds: 30 });
    // The first poll fills in a week of prices and rentals so charts and indicators start full.
    const backfilled = await count(sql`select count(*)::int as n from price_snapshots`);
    expect(backfilled).toBeGreaterThan(91 * 7 * 24);
    expect(
      await count(sql`select count(*)::int as n from offers where reliability_class is not null`),
    ).toBe(91);

    const classes = new Map<string, number>();
    let unavailableSeen = 0;
    for (let step = 0; step < 96; step++) {
      clock.advance(15 * MINUTE);
      const outcome = await pollProvider(provider, deps);
      expect(outcome.ok).toBe(true);
      unavailableSeen += await count(
        sql`select count(*)::int as n from offers where not available`,
      );
    }
    for (const row of (
      await database.db.execute<{ reliability_class: string; n: number }>(
        sql`select reliability_class, count(*)::int as n from offers group by 1`,
      )
    ).rows) {
      classes.set(row.reliability_class, row.n);
    }

    // Every poll within 15 minutes of the last appended a snapshot where a price or stock changed.
    const perPoll =
      await count(sql`select count(distinct observed_at)::int as n from price_snapshots
      where observed_at > ${new Date(clock.now().getTime() - 24 * 3_600_000).toISOString()}::timestamptz`);
    expect(perPoll).toBe(96);
    expect(classes.get('high')).toBeGreaterThan(5);
    expect(classes.get('low')).toBeGreaterThan(5);
    expect(unavailableSeen).toBeGreaterThan(0);
    const interruptions = await count(sql`select count(*)::int as n from market_rentals
      where interrupted_at > ${new Date(clock.now().getTime() - 24 * 3_600_000).toISOString()}::timestamptz`);
    expect(interruptions).toBeGreaterThan(50);
  });
});

describe('a provider answering garbage', () => {
  it('keeps the last good offers, marks none half-written, and backs off', async () => {
    const clock = new ManualClock(Date.parse('2026-06-05T00:00:00Z'));
    const h100 = (externalId: string, spotPricePerHour: number) => ({
      externalId,
      gpuModel: 'H100',
      gpuCount: 1,
      vramGb: 80,
      region: 'EU' as const,
      location: 'EU-West',
      country: 'NL',
      city: null,
      spotPricePerHour,
      onDemandPricePerHour: 8,
      available: true,
      availableCount: 1,
      providerReliability: 0.99,
    });
    let answer = async (): Promise<MarketSnapshot> => ({
      offers: [h100('x1', 2.5)],
      observedRentals: [],
    });
    const flaky: ProviderAdapter = {
      name: 'flaky',
      displayName: 'Flaky',
      listOffers: () => answer(),
      rent: () => Promise.reject(new Error('unused')),
      getMachine: () => Promise.reject(new Error('unused')),
      terminate: () => Promise.reject(new Error('unused')),
    };
    const deps = {
      db: database.db,
      clock,
      logger,
      workerId: 'test',
      timeoutMs: 1_000,
      intervalSeconds: 30,
    };
    expect((await pollProvider(flaky, deps)).ok).toBe(true);

    // One offer of the answer has no usable price: none of the answer is written.
    answer = async () => ({
      offers: [h100('x1', 2.1), h100('x3', 2.2), h100('x2', Number.NaN)],
      observedRentals: [],
    });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(30_000);
      const outcome = await pollProvider(flaky, deps);
      expect(outcome.ok).toBe(false);
      waits.push(outcome.nextPollSeconds);
    }
    expect(waits).toEqual([60, 120, 240, 480]);
    expect(await count(sql`select count(*)::int as n from offers where provider = 'flaky'`)).toBe(
      1,
    );
    expect(
      await count(sql`select count(*)::int as n from offers where provider = 'flaky' and available
      and spot_price_per_hour = 2.5`),
    ).toBe(1);
    const [status] = (
      await database.db.execute<{ consecutive_failures: number; last_error: string }>(
        sql`select consecutive_failures, last_error from provider_status where provider = 'flaky'`,
      )
    ).rows;
    expect(status!.consecutive_failures).toBe(4);
  });
});

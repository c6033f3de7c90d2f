import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markets, offers } from '@/db/schema';
import { computeIndicators } from '@/lib/market/compute-indicators';
import { ingestMarketSnapshot } from '@/lib/market/ingest-snapshot';
import type { ObservedRental } from '@/lib/providers/types';
import { offer, seedOffers } from '../support/seed-offers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const HOUR = 3_600_000;
const now = new Date('2026-05-10T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** `ran` rentals of one hour each inside the window, the first `interrupted` of them taken back. */
function rentals(offerId: string, ran: number, interrupted: number): ObservedRental[] {
  return Array.from({ length: ran }, (_, i) => {
    const startedAt = ago(20 - (i % 15));
    const endedAt = new Date(startedAt.getTime() + HOUR);
    return {
      offerExternalId: offerId,
      externalId: `r${i}`,
      startedAt,
      endedAt,
      noticeAt: i < interrupted ? new Date(endedAt.getTime() - 60_000) : null,
      interruptedAt: i < interrupted ? endedAt : null,
    };
  });
}

async function indicatorsOf(externalId: string) {
  const [row] = await database.db.select().from(offers).where(eq(offers.externalId, externalId));
  return {
    rate: row!.interruptionRate24h,
    mtti: row!.meanTimeToInterruptionHours,
    class: row!.reliabilityClass,
    ran: row!.observedRentals24h,
  };
}

describe('24 h indicators computed in SQL', () => {
  beforeAll(async () => {
    const cases = ['green', 'edge5', 'edge15', 'red', 'empty', 'old', 'ongoing'];
    await seedOffers(
      database.db,
      'test',
      cases.map((externalId) => offer({ externalId })),
      now,
    );
    const observed = [
      ...rentals('green', 100, 4),
      ...rentals('edge5', 20, 1),
      ...rentals('edge15', 20, 3),
      ...rentals('red', 40, 7),
      // Ended a day and a half ago: outside the window.
      {
        offerExternalId: 'old',
        externalId: 'o1',
        startedAt: ago(40),
        endedAt: ago(36),
        noticeAt: ago(36.01),
        interruptedAt: ago(36),
      },
      // Started 30 h ago and still running: it ran in the window for 24 h.
      {
        offerExternalId: 'ongoing',
        externalId: 'g1',
        startedAt: ago(30),
        endedAt: null,
        noticeAt: null,
        interruptedAt: null,
      },
      {
        offerExternalId: 'ongoing',
        externalId: 'g2',
        startedAt: ago(30),
        endedAt: ago(2),
        noticeAt: ago(2.01),
        interruptedAt: ago(2),
      },
    ];
    await ingestMarketSnapshot(
      database.db,
      'test',
      { offers: [], observedRentals: observed },
      now,
      { markVanished: false },
    );
    await computeIndicators(database.db, 'test', now);
  });

  it.each([
    ['green', { rate: 0.04, class: 'high', ran: 100 }],
    ['edge5', { rate: 0.05, class: 'medium', ran: 20 }],
    ['edge15', { rate: 0.15, class: 'medium', ran: 20 }],
    ['red', { rate: 0.175, class: 'low', ran: 40 }],
  ])('%s', async (externalId, expected) => {
    expect(await indicatorsOf(externalId)).toMatchObject(expected);
  });

  it('says "no data" for an offer with nothing observed, not a green 0%', async () => {
    expect(await indicatorsOf('empty')).toEqual({ rate: null, mtti: null, class: null, ran: 0 });
    expect(await indicatorsOf('old')).toEqual({ rate: null, mtti: null, class: null, ran: 0 });
  });

  it('counts only the part of a rental inside the window as running time', async () => {
    // g1: 24 h in the window, g2: 22 h, one interruption.
    expect(await indicatorsOf('ongoing')).toEqual({ rate: 0.5, mtti: 46, class: 'low', ran: 2 });
  });

  it('gives mean time to interruption as running hours per interruption', async () => {
    // 20 rentals of one hour, one interrupted.
    expect((await indicatorsOf('edge5')).mtti).toBeCloseTo(20, 6);
  });

  it('computes the market over all its offers, not as an average of theirs', async () => {
    const [market] = await database.db.select().from(markets).where(eq(markets.id, 'rtx-4090--us'));
    const interrupted = 4 + 1 + 3 + 7 + 1;
    const ran = 100 + 20 + 20 + 40 + 2;
    expect(market!.observedRentals24h).toBe(ran);
    expect(market!.interruptionRate24h).toBeCloseTo(interrupted / ran, 10);
    expect(market!.reliabilityClass).toBe('medium');
  });

  it('counts our own users’ GPU machines too', async () => {
    await database.db.execute(
      sql`insert into users (id, name, email) values ('u1', 'U', 'u1@example.com')`,
    );
    const [target] = await database.db.select().from(offers).where(eq(offers.externalId, 'empty'));
    const [rental] = (
      await database.db.execute<{
        id: string;
      }>(sql`insert into rentals (user_id, offer_id, provider, gpu_model, gpu_count,
        region, location, spot_price_per_hour, on_demand_price_per_hour, state, started_at)
        values ('u1', ${target!.id}, 'test', 'RTX 4090', 1, 'US', 'US-East', 0.4, 1.5, 'interrupted', ${ago(5).toISOString()})
        returning id`)
    ).rows;
    await database.db
      .execute(sql`insert into rental_machines (rental_id, kind, provider, machine_id, offer_id,
      price_per_hour, started_at, ended_at, interrupted_at)
      values (${rental!.id}, 'gpu', 'test', 'm1', ${target!.id}, 0.4, ${ago(5).toISOString()}, ${ago(1).toISOString()}, ${ago(1).toISOString()})`);

    await computeIndicators(database.db, 'test', now);
    expect(await indicatorsOf('empty')).toEqual({ rate: 1, mtti: 4, class: 'low', ran: 1 });
  });
});

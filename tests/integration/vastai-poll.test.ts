import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/lib/clock';
import { logger } from '@/lib/logger';
import { forgetMarketCatalog } from '@/lib/market/market-catalog';
import { offerSearchQuery } from '@/lib/market/offer-query';
import { pollProvider } from '@/lib/market/poll-provider';
import { searchOffers } from '@/lib/market/search-offers';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { offerSearch, VastaiProvider } from '@/lib/providers/vastai/vastai-provider';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { readFixture } from '../support/vastai-fixtures';
import {
  json,
  startVastaiStandIn,
  type StandInAnswer,
  type VastaiStandIn,
} from '../support/vastai-stand-in';

// Isolation: this file's own database, its own stand-in server and a manual clock.
let database: TestDatabase;
let standIn: VastaiStandIn;
beforeAll(async () => {
  database = await createTestDatabase();
  standIn = await startVastaiStandIn();
});
afterAll(async () => {
  await standIn?.close();
  await database?.drop();
});

const POLL_TIMEOUT_MS = 400;
const goodAnswer = json(200, { offers: JSON.parse(readFixture('search-offers.json')) });

async function offersOf(provider: string, clock: ManualClock) {
  forgetMarketCatalog(database.db);
  const query = offerSearchQuery.parse({ provider, available: 'any', limit: '200' });
  const page = await searchOffers(database.db, query, {
    now: clock.now(),
    staleAfterSeconds: 120,
    rentableProviders: new Set(['simulated']),
  });
  return page.offers;
}

describe('polling Vast.ai through a stand-in of its API', () => {
  it('serves its offers, then while it fails marks them stale and backs off, beside a healthy simulated market', async () => {
    const clock = new ManualClock(Date.parse('2026-06-01T00:00:00Z'));
    const vastai = new VastaiProvider({
      baseUrl: standIn.baseUrl,
      apiKey: 'test-key',
      timeoutMs: 5_000,
      image: 'pytorch/pytorch:latest',
      diskGb: 20,
    });
    const simulated = new SimulatedProvider({ db: database.db, clock, seed: 42 });
    const deps = {
      db: database.db,
      clock,
      logger,
      workerId: 'test',
      timeoutMs: POLL_TIMEOUT_MS,
      intervalSeconds: 30,
    };

    standIn.answerWith(() => goodAnswer);
    expect(await pollProvider(vastai, deps)).toEqual({ ok: true, offers: 13, nextPollSeconds: 30 });
    expect(standIn.received).toEqual([
      {
        method: 'POST',
        path: '/api/v0/bundles/',
        query: {},
        authorization: 'Bearer test-key',
        body: offerSearch,
      },
    ]);
    expect((await pollProvider(simulated, deps)).ok).toBe(true);

    const fresh = await offersOf('vastai', clock);
    expect(fresh).toHaveLength(13);
    expect(
      fresh.every((offer) => offer.provider === 'vastai' && !offer.stale && offer.ageSeconds === 0),
    ).toBe(true);

    const failures: Array<[string, StandInAnswer, RegExp, number]> = [
      [
        'an HTTP 500',
        json(500, { error: 'server_error', msg: 'Internal error' }),
        /^vastai: POST \/bundles\/ answered HTTP 500: Internal error$/,
        60,
      ],
      [
        'garbage',
        json(200, '<html>upstream reset</html>'),
        /^vastai: not JSON at line 1 column 1/,
        120,
      ],
      [
        'no answer past the timeout',
        'hang',
        /^vastai: POST \/bundles\/ got no answer in time$/,
        240,
      ],
    ];
    for (const [index, [what, answer, error, backoff]] of failures.entries()) {
      clock.advance(30_000);
      standIn.answerWith(() => answer);
      const startedAt = Date.now();
      const outcome = await pollProvider(vastai, deps);

      expect(outcome, what).toMatchObject({ ok: false, offers: 0, nextPollSeconds: backoff });
      expect(outcome.error, what).toMatch(error);
      expect(Date.now() - startedAt, what).toBeLessThan(POLL_TIMEOUT_MS + 2_000);
      const stale = await offersOf('vastai', clock);
      expect(stale, what).toHaveLength(13);
      expect(
        stale.every((offer) => offer.stale && offer.ageSeconds === 30 * (index + 1)),
        what,
      ).toBe(true);

      expect((await pollProvider(simulated, deps)).ok, what).toBe(true);
      const simulatedOffers = await offersOf('simulated', clock);
      expect(simulatedOffers.length, what).toBeGreaterThan(0);
      expect(
        simulatedOffers.every((offer) => !offer.stale && offer.ageSeconds === 0),
        what,
      ).toBe(true);
    }

    clock.advance(30_000);
    standIn.answerWith(() => goodAnswer);
    expect(await pollProvider(vastai, deps)).toEqual({ ok: true, offers: 13, nextPollSeconds: 30 });
    expect(
      (await offersOf('vastai', clock)).every((offer) => !offer.stale && offer.ageSeconds === 0),
    ).toBe(true);
  });
});

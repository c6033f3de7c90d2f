import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/lib/clock';
import { logger } from '@/lib/logger';
import { importMarketFile } from '@/lib/market/import-market-file';
import { forgetMarketCatalog } from '@/lib/market/market-catalog';
import { offerSearchQuery } from '@/lib/market/offer-query';
import { pollProvider } from '@/lib/market/poll-provider';
import { regions } from '@/lib/market/regions';
import { searchOffers } from '@/lib/market/search-offers';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  capturePath,
  capturesMissingNote,
  capturesPresent,
  fixturePath,
} from '../support/vastai-fixtures';

// Isolation: this file's own database and a manual clock.
let database: TestDatabase;
const clock = new ManualClock(Date.parse('2026-06-01T00:00:00Z'));
beforeAll(async () => {
  database = await createTestDatabase();
  const simulated = new SimulatedProvider({ db: database.db, clock, seed: 42 });
  await pollProvider(simulated, {
    db: database.db,
    clock,
    logger,
    workerId: 'test',
    timeoutMs: 5_000,
    intervalSeconds: 30,
  });
});
afterAll(async () => {
  await database?.drop();
});

async function search(filters: Record<string, string>) {
  forgetMarketCatalog(database.db);
  const query = offerSearchQuery.parse({ available: 'any', limit: '200', ...filters });
  return (
    await searchOffers(database.db, query, {
      now: clock.now(),
      staleAfterSeconds: 120,
      rentableProviders: new Set(['simulated']),
    })
  ).offers;
}

async function counts() {
  const result = await database.db.execute(sql`select
    (select count(*)::int from offers where provider = 'vastai') as offers,
    (select count(*)::int from price_snapshots) as snapshots,
    (select count(*)::int from markets) as markets`);
  return result.rows[0];
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const runImport = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/market-import.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: database.url, INIT_CWD: repoRoot, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('importing a saved Vast.ai answer', () => {
  it('refuses each broken file with the parser’s message and writes nothing', async () => {
    const before = await counts();
    for (const [name, message] of [
      ['text-after-json.json', 'text after the JSON at line 93 column 1'],
      ['wrong-field-type.json', 'offers[2].gpu_ram: expected a number, got "abc"'],
      ['not-json.json', 'not JSON at line 1 column 1'],
    ]) {
      await expect(
        importMarketFile(database.db, 'vastai', fixturePath(name!), clock.now()),
      ).rejects.toThrow(message!);
    }
    expect(await counts()).toEqual(before);
  });

  it('loads the fixture and shows its offers beside the simulated ones', async () => {
    const summary = await importMarketFile(
      database.db,
      'vastai',
      fixturePath('search-offers.json'),
      clock.now(),
    );
    expect(summary).toEqual({
      provider: 'vastai',
      offers: 13,
      available: 11,
      gpuModels: 11,
      regions: [
        'US',
        'EU',
        'Asia',
        'North America',
        'South America',
        'Oceania',
        'Middle East',
        'Unknown',
      ],
      locations: 12,
    });

    const h100s = await search({ gpu: 'H100' });
    expect(new Set(h100s.map((offer) => offer.provider))).toEqual(new Set(['simulated', 'vastai']));
    expect(
      h100s.find((offer) => offer.provider === 'vastai' && offer.gpuCount === 8),
    ).toMatchObject({
      gpuModel: 'H100',
      vramGb: 80,
      spotPricePerHour: 14,
      spotPricePerGpuHour: 1.75,
      onDemandPricePerHour: 21.6028,
      savingsPercent: 35.2,
      region: 'US',
      location: 'US-East',
      available: true,
      // A saved answer is shown as what it is: a dated view, not a live price.
      stale: true,
      source: 'file',
      rentable: false,
      reliability: { providerReliability: 0.9995, observedRentals24h: 0 },
    });
    expect((await search({ provider: 'vastai' })).map((offer) => offer.provider)).toEqual(
      Array(13).fill('vastai'),
    );
    expect((await search({ region: 'Canada-East' })).map((offer) => offer.gpuModel)).toEqual([
      'A100 40GB',
    ]);
  });

  it.skipIf(!capturesPresent)(
    `loads the real 1,396-offer capture, none dropped${capturesMissingNote}`,
    async () => {
      const summary = await importMarketFile(
        database.db,
        'vastai',
        capturePath('vast-cli_search_offers_raw_2024-11-05_11ecdfa.json'),
        clock.now(),
      );
      expect(summary.offers).toBe(1396);
      expect(summary.regions).toEqual([...regions.filter((region) => region !== 'Unknown')]);
      expect(await counts()).toMatchObject({ offers: 13 + 1396 });
      const rtx4090 = await search({ gpu: 'RTX 4090', region: 'EU', limit: '200' });
      expect(new Set(rtx4090.map((offer) => offer.provider))).toEqual(
        new Set(['simulated', 'vastai']),
      );
    },
  );
});

describe('npm run market:import', () => {
  it.each([
    [
      [],
      2,
      /Expected a provider and a file\.\n\nUsage: npm run market:import -- <provider> <file>/,
    ],
    [
      ['runpod', 'offers.json'],
      2,
      /Unknown provider "runpod"\.\n\nUsage:.*\n\n  provider +one of: vastai/,
    ],
    [['vastai', 'no-such-file.json'], 2, /No file at .*no-such-file\.json\.\n\nUsage:/],
    [
      ['vastai', 'tests/fixtures/vastai/text-after-json.json'],
      1,
      /Not imported, nothing written: vastai: text after the JSON at line 93 column 1/,
    ],
  ])('with %j exits %i saying so', (args, code, message) => {
    const run = runImport(args);
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({
      status: code,
      stderr: expect.stringMatching(message),
    });
  });

  it('imports a good file into the database at DATABASE_URL and prints a summary', () => {
    const run = runImport(['vastai', 'tests/fixtures/vastai/search-offers-api.json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Imported 2 Vast\.ai offers \(2 available\) from .*search-offers-api\.json\n  GPU models: 2, locations: 2, regions: US\n  observed at \d{4}-\d\d-\d\dT[\d:.]+Z: shown as prices from a file, never as live ones\n$/,
    );
  });
});

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

import { offerSearchQuery } from '@/lib/market/offer-query';
import { offerSearchStatement } from '@/lib/market/search-offers';
import { freePort } from '@/lib/net/free-port';
import { ensureBuilt, nextBin, root } from './lib/web-app';
import { seedBenchMarket } from './lib/seed-bench-market';
import { startTemporaryPostgres } from './lib/postgres-process';

/**
 * Offer search speed on a large market: 100,000 offers and 1,000,000 price snapshots in a
 * PostgreSQL of its own. For five filter mixes it times GET /api/offers on the production web
 * app, the same SQL run bare, and the route handler called in-process (what the handler adds
 * without Next.js's HTTP server), and prints p50, p95 and the ratios of the p50s.
 */
const OFFERS = Number(process.env.BENCH_OFFERS ?? 100_000);
const SNAPSHOTS_PER_OFFER = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;

const mixes: Array<[string, Record<string, string>]> = [
  ['no filter, by price', {}],
  ['RTX 4090 ≤ $0.50 in US', { gpu: 'RTX 4090', maxPrice: '0.50', region: 'US' }],
  ['≥ 80 GB, high reliability', { minVram: '80', reliability: 'high' }],
  ['EU-West by availability', { region: 'EU-West', sort: 'availability' }],
  [
    'H100 ≤ $3, price high→low, 100 rows',
    { gpu: 'H100', maxPrice: '3.00', order: 'desc', limit: '100' },
  ],
];

const say = (message: string) => console.log(message);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

const postgres = await startTemporaryPostgres('bench');
let web: ReturnType<typeof spawn> | undefined;
let finished = false;

try {
  await migrateDatabase(postgres.url);
  const database = createDatabase(postgres.url);
  process.env.DATABASE_URL = postgres.url;
  const { GET } = await import('@/app/api/offers/route');
  say(
    `loading ${OFFERS.toLocaleString('en')} offers and ${(OFFERS * SNAPSHOTS_PER_OFFER).toLocaleString('en')} price snapshots…`,
  );
  const loadStarted = performance.now();
  await seedBenchMarket(database.db, OFFERS, SNAPSHOTS_PER_OFFER);
  say(`loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

  await ensureBuilt(process.env, say);
  const port = await freePort();
  web = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: postgres.url,
      NODE_ENV: 'production',
      APP_URL: `http://127.0.0.1:${port}`,
      BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  web.once('exit', (code) => {
    if (!finished && code !== null && code !== 0) console.error(`the web app exited (${code})`);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 300 || web.exitCode !== null) throw new Error('the web app did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  const rows: string[][] = [];
  for (const [name, params] of mixes) {
    const url = `${base}/api/offers?${new URLSearchParams(params)}`;
    const fetchPage = async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return response.json();
    };
    const { statement } = await offerSearchStatement(database.db, offerSearchQuery.parse(params), {
      now: new Date(),
      staleAfterSeconds: 120,
      rentableProviders: new Set(['simulated']),
    });
    const { sql: text, params: values } = statement.toSQL();
    const bare = () => client.query({ text, values });
    // The same route handler called in this process: what the handler adds, without HTTP.
    const inProcess = () => GET(new Request(url), {}).then((response) => response.text());

    await time(WARMUP, fetchPage);
    await time(WARMUP, bare);
    await time(WARMUP, inProcess);
    const api = await time(RUNS, fetchPage);
    const sqlTimes = await time(RUNS, bare);
    const handler = await time(RUNS, inProcess);
    const count = ((await fetchPage()) as { offers: unknown[] }).offers.length;
    rows.push([
      name,
      String(count),
      percentile(api, 50).toFixed(2),
      percentile(api, 95).toFixed(2),
      percentile(sqlTimes, 50).toFixed(2),
      percentile(sqlTimes, 95).toFixed(2),
      (percentile(api, 50) / percentile(sqlTimes, 50)).toFixed(2),
      percentile(handler, 50).toFixed(2),
      (percentile(handler, 50) / percentile(sqlTimes, 50)).toFixed(2),
    ]);
  }
  // What any answer of the web app costs, whatever the handler does: a cached, tiny one.
  const floorUrl = `${base}/api/filters`;
  const floor = () => fetch(floorUrl).then((response) => response.json());
  await time(WARMUP, floor);
  const floorTimes = await time(RUNS, floor);
  await client.end();
  await database.close();

  const header = [
    'filter mix',
    'rows',
    'API p50 ms',
    'API p95 ms',
    'SQL p50 ms',
    'SQL p95 ms',
    'API/SQL p50',
    'handler p50 ms',
    'handler/SQL p50',
  ];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  say(
    `\nGET /api/offers vs the same SQL run bare (${RUNS} runs each, sequential, after ${WARMUP} warm-up runs)`,
  );
  say(line(header));
  for (const row of rows) say(line(row));
  say(
    `\nNext.js request floor (GET /api/filters, a cached answer, no database): ` +
      `p50 ${percentile(floorTimes, 50).toFixed(2)} ms, p95 ${percentile(floorTimes, 95).toFixed(2)} ms`,
  );
} finally {
  finished = true;
  web?.kill('SIGTERM');
  await postgres.stop();
}

import { sql } from 'drizzle-orm';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { evaluatePriceAlerts } from '@/lib/alerts/evaluate-alerts';
import { systemClock } from '@/lib/clock';

import { ingestMarketSnapshot } from '@/lib/market/ingest-snapshot';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { startTemporaryPostgres } from './lib/postgres-process';

/**
 * Price alert evaluation on 100,000 armed alerts: a fresh embedded PostgreSQL in a temporary
 * folder, the simulated market, alerts spread over every GPU model and place with bounds below
 * today's prices; then one price update (RTX 4090 in US-East drops to $0.20/GPU-h) and one
 * evaluation, timed. Repeated a few times from the same state; prints the median.
 */
const ALERTS = 100_000;
const USERS = 2_000;
const RUNS = 5;
const GOAL_SECONDS = 0.5;

const postgres = await startTemporaryPostgres('bench');
const database = createDatabase(postgres.url, { max: 4 });
const db = database.db;
const provider = new SimulatedProvider({ db, clock: systemClock, seed: 42 });
const options = () => ({ now: new Date(), staleAfterSeconds: 120, appUrl: 'https://spot.example' });

async function ingest(): Promise<void> {
  const now = new Date();
  const snapshot = await provider.listOffers({
    now,
    observedSince: now,
    signal: AbortSignal.timeout(10_000),
  });
  await ingestMarketSnapshot(db, provider.name, snapshot, now, { markVanished: true });
}

async function seed(): Promise<void> {
  await migrateDatabase(postgres.url);
  await db.execute(sql`insert into users (id, name, email)
    select 'user-' || i, 'User ' || i, 'user' || i || '@example.test' from generate_series(1, ${USERS}) i`);
  await ingest();
  // Bounds at 30–65% of each model's reference price: no simulated price goes that low by itself.
  await db.execute(sql`
    with models(gpu_model, reference) as (values ('RTX 3090', 0.3), ('RTX 4090', 0.4), ('A100 40GB', 1.2),
      ('A100 80GB', 1.6), ('H100', 2.5), ('L4', 0.22), ('RTX A4000', 0.12)),
    places as (select distinct region, location from offers),
    numbered as (select i, (select gpu_model from models order by gpu_model offset i % 7 limit 1) as gpu_model,
      random() as pick, random() as bound from generate_series(1, ${ALERTS}) i)
    insert into price_alerts (user_id, gpu_model, max_price_per_gpu_hour, region, location, channels)
    select 'user-' || (1 + n.i % ${USERS}), n.gpu_model, round((m.reference * (0.3 + 0.35 * n.bound))::numeric, 5),
      case when n.pick between 0.2 and 0.5 then p.region end,
      case when n.pick > 0.5 then p.location end,
      case when n.i % 4 = 0 then array['email', 'push'] else array['email'] end
    from numbered n join models m using (gpu_model)
    cross join lateral (select region, location from places order by random() + n.i * 0 limit 1) p`);
  await db.execute(sql`analyze`);
}

async function reset(): Promise<void> {
  await provider.clearPriceOverrides();
  await db.execute(sql`update price_alerts set state = 'armed', crossing = 0, last_fired_at = null,
    last_fired_price_per_gpu_hour = null, last_fired_offer_id = null where state <> 'armed' or crossing <> 0`);
  await db.execute(sql`delete from notifications`);
  await ingest();
  const quiet = await evaluatePriceAlerts(db, options());
  if (quiet.fired > 0) throw new Error(`${quiet.fired} alerts fired before the price update`);
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  console.log(
    `[bench:alerts] seeding ${ALERTS.toLocaleString('en')} armed alerts for ${USERS} users…`,
  );
  await seed();
  const offerCount = (await db.execute<{ n: number }>(sql`select count(*)::int as n from offers`))
    .rows[0]!.n;

  const quiet: number[] = [];
  const drop: number[] = [];
  let decided = { fired: 0, notifications: 0 };
  for (let run = 1; run <= RUNS; run++) {
    await reset();
    let started = performance.now();
    await evaluatePriceAlerts(db, options());
    quiet.push((performance.now() - started) / 1000);

    const ids = provider
      .specs()
      .filter((spec) => spec.gpu.name === 'RTX 4090' && spec.place.location === 'US-East')
      .map((spec) => spec.externalId);
    await provider.overridePrices(ids, 0.2);
    await ingest();
    started = performance.now();
    const result = await evaluatePriceAlerts(db, options());
    drop.push((performance.now() - started) / 1000);
    decided = { fired: result.fired, notifications: result.notificationIds.length };
    console.log(
      `[bench:alerts] run ${run}: ${drop.at(-1)!.toFixed(3)} s, ${result.fired} alerts fired, ${result.notificationIds.length} notifications`,
    );
  }

  const p50 = median(drop);
  console.log(`[bench:alerts] ${ALERTS.toLocaleString('en')} armed alerts, ${offerCount} offers`);
  console.log(
    `[bench:alerts] evaluation after a poll with no crossing: p50 ${median(quiet).toFixed(3)} s`,
  );
  console.log(
    `[bench:alerts] evaluation after the price update: p50 ${p50.toFixed(3)} s (min ${Math.min(...drop).toFixed(3)}, max ${Math.max(...drop).toFixed(3)}) over ${RUNS} runs`,
  );
  console.log(
    `[bench:alerts] decided: ${decided.fired} alerts fired, ${decided.notifications} notifications written`,
  );
  console.log(
    `[bench:alerts] goal ≤ ${GOAL_SECONDS} s: ${p50 <= GOAL_SECONDS ? 'met' : 'NOT met'}`,
  );
  process.exitCode = p50 <= GOAL_SECONDS ? 0 : 1;
} finally {
  await database.close();
  await postgres.stop();
}

import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { classifySql } from '@/lib/market/reliability';

const GPU_MODELS = [
  ['RTX 3090', 24, 0.3],
  ['RTX 4090', 24, 0.4],
  ['A100 40GB', 40, 1.2],
  ['A100 80GB', 80, 1.6],
  ['H100', 80, 2.5],
  ['L4', 24, 0.22],
  ['L40S', 48, 0.9],
  ['RTX A6000', 48, 0.45],
  ['RTX A4000', 16, 0.12],
  ['RTX 3060', 12, 0.06],
  ['RTX 3080', 10, 0.1],
  ['V100', 16, 0.25],
  ['T4', 16, 0.08],
  ['A40', 48, 0.4],
  ['RTX 6000 Ada', 48, 0.75],
  ['H100 NVL', 94, 2.8],
  ['RTX 4080 SUPER', 16, 0.2],
  ['A10', 24, 0.18],
] as const;

const PLACES = [
  ['US', 'US-East', 'US'],
  ['US', 'US-Central', 'US'],
  ['US', 'US-West', 'US'],
  ['EU', 'EU-West', 'NL'],
  ['EU', 'EU-Central', 'DE'],
  ['EU', 'EU-North', 'SE'],
  ['EU', 'EU-South', 'ES'],
  ['EU', 'EU-East', 'RO'],
  ['Asia', 'Asia-East', 'JP'],
  ['Asia', 'Asia-Southeast', 'SG'],
  ['Asia', 'Asia-South', 'IN'],
  ['North America', 'Canada-East', 'CA'],
  ['South America', 'South America-East', 'BR'],
  ['Oceania', 'Australia', 'AU'],
  ['Middle East', 'Middle East', 'AE'],
  ['Africa', 'Africa-South', 'ZA'],
] as const;

const literal = (rows: readonly (readonly (string | number)[])[]) =>
  sql.raw(
    `(values ${rows.map((row) => `(${row.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(', ')})`).join(', ')})`,
  );

/**
 * A large market for the benchmark, written by PostgreSQL itself: `offerCount` offers spread
 * over 18 GPU models and 16 locations, `snapshotsPerOffer` price snapshots each, and 24 h
 * indicators drawn at random (the classes computed by the product's own SQL expression).
 */
export async function seedBenchMarket(db: Db, offerCount: number, snapshotsPerOffer: number) {
  await db.execute(sql`
    with models(gpu_model, vram_gb, spot, n) as (
      select *, row_number() over () - 1 from ${literal(GPU_MODELS)} as m(gpu_model, vram_gb, spot)
    ),
    places(region, location, country, n) as (
      select *, row_number() over () - 1 from ${literal(PLACES)} as p(region, location, country)
    ),
    generated as (
      select i, (array[1, 1, 1, 2, 2, 4, 8])[1 + i % 7] as gpu_count,
        (hashint4(i) & 2147483647) % ${GPU_MODELS.length} as model_n,
        (hashint4(i + 7919) & 2147483647) % ${PLACES.length} as place_n,
        (hashint4(i + 104729) & 2147483647) / 2147483647.0 as r
      from generate_series(1, ${offerCount}) as i
    )
    insert into offers (provider, external_id, market_id, gpu_model, gpu_count, vram_gb, region,
      location, country, spot_price_per_hour, on_demand_price_per_hour, available, available_count,
      provider_reliability, first_seen_at, last_seen_at, last_snapshot_at)
    select 'bench', 'bench-' || g.i,
      lower(regexp_replace(m.gpu_model, '[^A-Za-z0-9]+', '-', 'g')) || '--' || lower(regexp_replace(p.region, '[^A-Za-z0-9]+', '-', 'g')),
      m.gpu_model, g.gpu_count, m.vram_gb, p.region, p.location, p.country,
      round((m.spot * (0.6 + 0.8 * g.r) * g.gpu_count)::numeric, 5),
      round((m.spot * 3.6 * g.gpu_count)::numeric, 5),
      g.r > 0.1, (g.r * 10)::int, 0.9 + g.r / 10, now(), now(), now()
    from generated g join models m on m.n = g.model_n join places p on p.n = g.place_n`);

  await db.execute(sql`
    insert into markets (id, gpu_model, region)
    select distinct market_id, gpu_model, region from offers on conflict do nothing`);

  await db.execute(sql`
    with drawn as (
      select id, 20 + (hashint4(gpu_count * 31 + length(external_id)) & 63) as ran,
        (hashint4(hashtext(external_id)) & 2147483647) % 16 as interrupted
      from offers where provider = 'bench'
    )
    update offers o set observed_rentals_24h = d.ran,
      interruption_rate_24h = d.interrupted::float8 / d.ran,
      mean_time_to_interruption_hours = case when d.interrupted = 0 then null else d.ran * 1.5 / d.interrupted end,
      reliability_class = ${classifySql(sql`d.interrupted`, sql`d.ran`)}
    from drawn d where o.id = d.id`);

  await db.execute(sql`
    insert into price_snapshots (offer_id, market_id, observed_at, spot_price_per_hour,
      on_demand_price_per_hour, spot_price_per_gpu_hour, on_demand_price_per_gpu_hour, available)
    select o.id, o.market_id, now() - s * interval '10 minutes', o.spot_price_per_hour,
      o.on_demand_price_per_hour, o.spot_price_per_gpu_hour, o.on_demand_price_per_gpu_hour, o.available
    from offers o cross join generate_series(1, ${snapshotsPerOffer}) as s
    where o.provider = 'bench'`);

  await db.execute(sql`analyze`);
}

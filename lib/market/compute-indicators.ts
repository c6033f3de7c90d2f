import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { classifySql, WINDOW_HOURS } from './reliability';

/**
 * Rentals observed in the trailing window: the provider's published market (market_rentals)
 * and the GPU machines our own users ran (rental_machines). A rental ran in the window when it
 * started before `now` and had not ended before the window began.
 */
const observedInWindow = (now: string) => sql`
  params as (
    select ${now}::timestamptz as now,
           ${now}::timestamptz - interval '${sql.raw(String(WINDOW_HOURS))} hours' as since
  ),
  observed as (
    select m.offer_id, m.started_at, m.ended_at, m.interrupted_at
    from market_rentals m, params p
    where m.started_at < p.now and (m.ended_at is null or m.ended_at > p.since)
    union all
    select r.offer_id, r.started_at, r.ended_at, r.interrupted_at
    from rental_machines r, params p
    where r.kind = 'gpu' and r.offer_id is not null
      and r.started_at < p.now and (r.ended_at is null or r.ended_at > p.since)
  ),
  counted as (
    select o.offer_id,
      count(*) as ran,
      count(*) filter (where o.interrupted_at > p.since and o.interrupted_at <= p.now) as interrupted,
      sum(extract(epoch from least(coalesce(o.ended_at, p.now), p.now) - greatest(o.started_at, p.since))) / 3600.0
        as running_hours
    from observed o, params p
    group by o.offer_id
  )`;

const indicatorColumns = (c: string) => sql`
  interruption_rate_24h = case when coalesce(${sql.raw(c)}.ran, 0) = 0 then null
    else ${sql.raw(c)}.interrupted::float8 / ${sql.raw(c)}.ran end,
  mean_time_to_interruption_hours = case when coalesce(${sql.raw(c)}.interrupted, 0) = 0 then null
    else ${sql.raw(c)}.running_hours / ${sql.raw(c)}.interrupted end,
  reliability_class = ${classifySql(sql.raw(`coalesce(${c}.interrupted, 0)`), sql.raw(`coalesce(${c}.ran, 0)`))},
  observed_rentals_24h = coalesce(${sql.raw(c)}.ran, 0)`;

/**
 * Recomputes the 24 h indicators of one provider's offers and of every market, in two set-based
 * statements: the events stay in the database.
 */
export async function computeIndicators(db: Db, provider: string, now: Date): Promise<void> {
  const at = now.toISOString();

  await db.execute(sql`
    with ${observedInWindow(at)},
    per_offer as (
      select o.id, c.ran, c.interrupted, c.running_hours
      from offers o left join counted c on c.offer_id = o.id
      where o.provider = ${provider}
    )
    update offers set ${indicatorColumns('per_offer')}, indicators_at = ${at}::timestamptz
    from per_offer where offers.id = per_offer.id
  `);

  await db.execute(sql`
    with ${observedInWindow(at)},
    per_market as (
      select mk.id, sum(c.ran) as ran, sum(c.interrupted) as interrupted,
        sum(c.running_hours) as running_hours
      from markets mk
      left join offers o on o.market_id = mk.id
      left join counted c on c.offer_id = o.id
      group by mk.id
    )
    update markets set ${indicatorColumns('per_market')}, indicators_at = ${at}::timestamptz
    from per_market where markets.id = per_market.id
  `);
}

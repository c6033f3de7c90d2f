import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { DbOrTx } from '@/lib/notify/queue-notifications';
import { providerNames } from '@/lib/providers/provider-names';
import { REARM_FACTOR } from './decide-alert';

/** The provider's name as people know it ("Vast.ai"), in SQL, from the one list of names. */
const providerNameSql = (id: SQL) =>
  sql`case ${id} ${sql.join(
    Object.entries(providerNames).map(([key, name]) => sql`when ${key} then ${name}`),
    sql` `,
  )} else ${id} end`;

export interface EvaluationOptions {
  now: Date;
  /** Offers not seen for this long, or from a failing provider, are not a price. */
  staleAfterSeconds: number;
  /** The app's public address, for the link to rent the offer. */
  appUrl: string;
}

export interface EvaluationResult {
  fired: number;
  rearmed: number;
  /** Notifications written by this evaluation (one per fired alert and channel). */
  notificationIds: string[];
}

// One evaluation at a time: a second one waits and then sees the first one's changes.
const EVALUATION_LOCK = 7_316_101;

/** Prices as the product shows them: three decimals under $1, two above. */
const money = (value: SQL) =>
  sql`'$' || case when ${value} < 1 then to_char(${value}, 'FM0.000') else to_char(${value}, 'FM999990.00') end`;

/**
 * Evaluates every active price alert against the fresh market in one statement: the best
 * available, non-stale price per GPU-hour for each alert's GPU and place; alerts at or below
 * their bound fire (state, crossing number, last firing) and get one notification per channel
 * keyed by `price-alert:<alert>:<crossing>:<channel>`; fired alerts whose price rose 2% above
 * the bound re-arm. State and notifications commit together or not at all.
 */
export async function evaluatePriceAlerts(
  db: Db,
  options: EvaluationOptions,
): Promise<EvaluationResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${EVALUATION_LOCK})`);
    return runEvaluation(tx, options);
  });
}

/**
 * The statement itself. Safe on its own against a concurrent run: each alert's update is
 * guarded by the state it expects, so of two runs deciding the same firing only one changes the
 * row (the other re-checks the row after the first commits and skips it), and the notification
 * keys are unique.
 */
export async function runEvaluation(
  db: DbOrTx,
  options: EvaluationOptions,
): Promise<EvaluationResult> {
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const result = await db.execute<{
    fired: number;
    rearmed: number;
    notification_ids: string[];
  }>(sql`
    with fresh as (
      select o.id, o.provider, o.gpu_model, o.gpu_count, o.region, o.location,
        o.spot_price_per_gpu_hour as price
      from offers o
      left join provider_status ps on ps.provider = o.provider
      where o.available
        -- A saved file is a dated view, never a live price.
        and o.source = 'feed'
        and o.last_seen_at >= ${now} - make_interval(secs => ${options.staleAfterSeconds})
        and coalesce(ps.consecutive_failures, 0) = 0
    ),
    best as (
      select distinct on (gpu_model, scope, place) gpu_model, scope, place, price, id as offer_id
      from (
        select gpu_model, 'any' as scope, '' as place, price, gpu_count, id from fresh
        union all select gpu_model, 'region', region, price, gpu_count, id from fresh
        union all select gpu_model, 'location', location, price, gpu_count, id from fresh
      ) scoped
      -- At equal price per GPU-hour, the smaller machine is the cheaper one to rent.
      order by gpu_model, scope, place, price, gpu_count, id
    ),
    decided as (
      select a.id, b.price, b.offer_id,
        case
          when a.state = 'armed' and b.price <= a.max_price_per_gpu_hour then 'fire'
          when a.state = 'fired' and b.price > a.max_price_per_gpu_hour * ${REARM_FACTOR}::numeric then 'rearm'
        end as decision
      from price_alerts a
      join best b on b.gpu_model = a.gpu_model
        and b.scope = case when a.location is not null then 'location'
                           when a.region is not null then 'region' else 'any' end
        and b.place = coalesce(a.location, a.region, '')
      where a.paused_at is null
    ),
    fired as (
      update price_alerts a set state = 'fired', crossing = a.crossing + 1, last_fired_at = ${now},
        last_fired_price_per_gpu_hour = d.price, last_fired_offer_id = d.offer_id, updated_at = ${now}
      from decided d
      where a.id = d.id and d.decision = 'fire' and a.state = 'armed' and a.paused_at is null
      returning a.id, a.user_id, a.crossing, a.channels, a.gpu_model,
        a.max_price_per_gpu_hour as bound, d.price, d.offer_id
    ),
    rearmed as (
      update price_alerts a set state = 'armed', updated_at = ${now}
      from decided d
      where a.id = d.id and d.decision = 'rearm' and a.state = 'fired' and a.paused_at is null
      returning a.id
    ),
    messages as (
      select f.*, o.location, ${providerNameSql(sql`o.provider`)} as provider,
        ${money(sql`f.price`)} as price_text, ${money(sql`f.bound`)} as bound_text,
        case when o.location = o.region then o.location
             else o.location || ' (' || o.region || ')' end as place_text,
        ${options.appUrl} || '/offers/' || f.offer_id as link
      from fired f join offers o on o.id = f.offer_id
    ),
    inserted as (
      insert into notifications (user_id, kind, channel, dedupe_key, title, body, link, offer_id,
        alert_id, next_attempt_at, created_at, updated_at)
      select m.user_id, 'price_alert', c.channel,
        'price-alert:' || m.id || ':' || m.crossing || ':' || c.channel,
        m.gpu_model || ' at ' || m.price_text || '/GPU-h in ' || m.location,
        m.gpu_model || ' is at ' || m.price_text || ' per GPU-hour in ' || m.place_text || ' on '
          || m.provider || ', at or below your ' || m.bound_text || ' alert. Rent it: ' || m.link,
        m.link, m.offer_id, m.id, ${now}, ${now}, ${now}
      from messages m cross join lateral unnest(m.channels) as c(channel)
      on conflict (dedupe_key) do nothing
      returning id
    )
    select (select count(*)::int from fired) as fired, (select count(*)::int from rearmed) as rearmed,
      coalesce((select array_agg(id) from inserted), '{}') as notification_ids`);

  const row = result.rows[0]!;
  return { fired: row.fired, rearmed: row.rearmed, notificationIds: row.notification_ids };
}

import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { MarketSnapshot, ProviderOffer } from '@/lib/providers/types';
import { marketIdOf } from './gpu-models';

const CHUNK = 5_000;

/** An unchanged price is still recorded this often, so charts show the feed is alive. */
const SNAPSHOT_HEARTBEAT = '15 minutes';

export interface IngestResult {
  offers: number;
  snapshots: number;
  vanished: number;
  observedRentals: number;
}

/** Last one wins when a provider lists the same offer twice in one answer. */
function uniqueOffers(offers: ProviderOffer[]): ProviderOffer[] {
  return [...new Map(offers.map((offer) => [offer.externalId, offer])).values()];
}

/**
 * Writes one provider answer in one transaction: upserts its offers, appends a price snapshot
 * where the price or availability changed, and (for a full poll) marks offers it no longer
 * lists as unavailable. Either all of it lands or none of it.
 */
export async function ingestMarketSnapshot(
  db: Db,
  provider: string,
  snapshot: MarketSnapshot,
  now: Date,
  options: { markVanished: boolean; source?: 'feed' | 'file' },
): Promise<IngestResult> {
  const source = options.source ?? 'feed';
  const offers = uniqueOffers(snapshot.offers);
  const at = now.toISOString();

  return db.transaction(async (tx) => {
    let snapshots = 0;
    for (let i = 0; i < offers.length; i += CHUNK) {
      const rows = offers.slice(i, i + CHUNK).map((offer) => ({
        external_id: offer.externalId,
        market_id: marketIdOf(offer.gpuModel, offer.region),
        gpu_model: offer.gpuModel,
        gpu_count: offer.gpuCount,
        vram_gb: offer.vramGb,
        region: offer.region,
        location: offer.location,
        country: offer.country,
        city: offer.city,
        spot_price_per_hour: offer.spotPricePerHour,
        on_demand_price_per_hour: offer.onDemandPricePerHour,
        available: offer.available,
        available_count: offer.availableCount,
        provider_reliability: offer.providerReliability,
      }));
      const result = await tx.execute(sql`
        with incoming as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
            external_id text, market_id text, gpu_model text, gpu_count int, vram_gb int,
            region text, location text, country text, city text,
            spot_price_per_hour numeric, on_demand_price_per_hour numeric,
            available boolean, available_count int, provider_reliability float8)
        ),
        upserted as (
          insert into offers as o (provider, external_id, market_id, gpu_model, gpu_count, vram_gb,
            region, location, country, city, spot_price_per_hour, on_demand_price_per_hour,
            available, available_count, provider_reliability, first_seen_at, last_seen_at,
            last_snapshot_at, source)
          select ${provider}, external_id, market_id, gpu_model, gpu_count, vram_gb, region,
            location, country, city, round(spot_price_per_hour, 5), round(on_demand_price_per_hour, 5),
            available, available_count, provider_reliability, ${at}::timestamptz, ${at}::timestamptz,
            ${at}::timestamptz, ${source}
          from incoming
          on conflict (provider, external_id) do update set
            market_id = excluded.market_id, gpu_model = excluded.gpu_model,
            gpu_count = excluded.gpu_count, vram_gb = excluded.vram_gb, region = excluded.region,
            location = excluded.location, country = excluded.country, city = excluded.city,
            spot_price_per_hour = excluded.spot_price_per_hour,
            on_demand_price_per_hour = excluded.on_demand_price_per_hour,
            available = excluded.available, available_count = excluded.available_count,
            provider_reliability = excluded.provider_reliability,
            last_seen_at = excluded.last_seen_at,
            source = excluded.source,
            last_snapshot_at = case
              when o.spot_price_per_hour is distinct from excluded.spot_price_per_hour
                or o.on_demand_price_per_hour is distinct from excluded.on_demand_price_per_hour
                or o.available is distinct from excluded.available
                or o.gpu_count is distinct from excluded.gpu_count
                or o.last_snapshot_at is null
                or o.last_snapshot_at <= excluded.last_seen_at - interval '${sql.raw(SNAPSHOT_HEARTBEAT)}'
              then excluded.last_seen_at else o.last_snapshot_at end
          -- A saved answer older than what we hold never overwrites newer prices.
          where o.last_seen_at <= excluded.last_seen_at
          returning o.id, o.market_id, o.spot_price_per_hour, o.on_demand_price_per_hour,
            o.spot_price_per_gpu_hour, o.on_demand_price_per_gpu_hour, o.available,
            o.last_snapshot_at = ${at}::timestamptz as changed
        ),
        snapshot as (
          insert into price_snapshots (offer_id, market_id, observed_at, spot_price_per_hour,
            on_demand_price_per_hour, spot_price_per_gpu_hour, on_demand_price_per_gpu_hour, available)
          select id, market_id, ${at}::timestamptz, spot_price_per_hour, on_demand_price_per_hour,
            spot_price_per_gpu_hour, on_demand_price_per_gpu_hour, available
          from upserted where changed
          returning 1
        ),
        new_markets as (
          insert into markets (id, gpu_model, region)
          select distinct market_id, gpu_model, region from incoming
          on conflict (id) do nothing
        )
        select count(*)::int as snapshots from snapshot
      `);
      snapshots += Number(result.rows[0]?.snapshots ?? 0);
    }

    let vanished = 0;
    if (options.markVanished) {
      const result = await tx.execute(sql`
        with gone as (
          update offers set available = false, available_count = 0, last_snapshot_at = ${at}::timestamptz
          where provider = ${provider} and last_seen_at < ${at}::timestamptz and available
          returning id, market_id, spot_price_per_hour, on_demand_price_per_hour,
            spot_price_per_gpu_hour, on_demand_price_per_gpu_hour
        ),
        snapshot as (
          insert into price_snapshots (offer_id, market_id, observed_at, spot_price_per_hour,
            on_demand_price_per_hour, spot_price_per_gpu_hour, on_demand_price_per_gpu_hour, available)
          select id, market_id, ${at}::timestamptz, spot_price_per_hour, on_demand_price_per_hour,
            spot_price_per_gpu_hour, on_demand_price_per_gpu_hour, false
          from gone
          returning 1
        )
        select count(*)::int as vanished from snapshot
      `);
      vanished = Number(result.rows[0]?.vanished ?? 0);
    }

    const rentals = snapshot.observedRentals.map((rental) => ({
      offer_external_id: rental.offerExternalId,
      external_id: rental.externalId,
      started_at: rental.startedAt.toISOString(),
      ended_at: rental.endedAt?.toISOString() ?? null,
      notice_at: rental.noticeAt?.toISOString() ?? null,
      interrupted_at: rental.interruptedAt?.toISOString() ?? null,
    }));
    for (let i = 0; i < rentals.length; i += CHUNK) {
      await tx.execute(sql`
        insert into market_rentals as m (offer_id, external_id, started_at, ended_at, notice_at, interrupted_at)
        select o.id, x.external_id, x.started_at, x.ended_at, x.notice_at, x.interrupted_at
        from jsonb_to_recordset(${JSON.stringify(rentals.slice(i, i + CHUNK))}::jsonb) as x(
          offer_external_id text, external_id text, started_at timestamptz, ended_at timestamptz,
          notice_at timestamptz, interrupted_at timestamptz)
        join offers o on o.provider = ${provider} and o.external_id = x.offer_external_id
        on conflict (offer_id, external_id) do update set
          ended_at = excluded.ended_at, notice_at = excluded.notice_at,
          interrupted_at = excluded.interrupted_at
        where m.ended_at is distinct from excluded.ended_at
          or m.notice_at is distinct from excluded.notice_at
      `);
    }

    const history = (snapshot.priceHistory ?? []).map((step) => ({
      offer_external_id: step.offerExternalId,
      observed_at: step.observedAt.toISOString(),
      spot_price_per_hour: step.spotPricePerHour,
      on_demand_price_per_hour: step.onDemandPricePerHour,
      available: step.available,
    }));
    for (let i = 0; i < history.length; i += CHUNK) {
      const result = await tx.execute(sql`
        insert into price_snapshots (offer_id, market_id, observed_at, spot_price_per_hour,
          on_demand_price_per_hour, spot_price_per_gpu_hour, on_demand_price_per_gpu_hour, available)
        select o.id, o.market_id, x.observed_at, round(x.spot_price_per_hour, 5),
          round(x.on_demand_price_per_hour, 5), round(x.spot_price_per_hour / o.gpu_count, 5),
          round(x.on_demand_price_per_hour / o.gpu_count, 5), x.available
        from jsonb_to_recordset(${JSON.stringify(history.slice(i, i + CHUNK))}::jsonb) as x(
          offer_external_id text, observed_at timestamptz, spot_price_per_hour numeric,
          on_demand_price_per_hour numeric, available boolean)
        join offers o on o.provider = ${provider} and o.external_id = x.offer_external_id
        where x.observed_at < ${at}::timestamptz
      `);
      snapshots += result.rowCount ?? 0;
    }

    return { offers: offers.length, snapshots, vanished, observedRentals: rentals.length };
  });
}

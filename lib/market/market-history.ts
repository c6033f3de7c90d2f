import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { markets } from '@/db/schema';
import { notFound } from '@/lib/errors';

export const marketHistoryQuery = z.strictObject({ range: z.enum(['24h', '7d']).default('24h') });
export const marketParams = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,120}$/, 'must be a market id such as rtx-4090--us'),
});

const ranges = {
  '24h': { hours: 24, bucketMinutes: 15 },
  '7d': { hours: 24 * 7, bucketMinutes: 120 },
} as const;

export interface MarketHistory {
  market: {
    id: string;
    gpuModel: string;
    region: string;
    interruptionRate24h: number | null;
    class: 'high' | 'medium' | 'low' | null;
    meanTimeToInterruptionHours: number | null;
    observedRentals24h: number;
  };
  range: keyof typeof ranges;
  bucketMinutes: number;
  prices: Array<{ t: string; bestSpotPerGpuHour: number; avgSpotPerGpuHour: number; onDemandPerGpuHour: number }>;
  interruptions: Array<{ t: string; count: number }>;
}

/** Price snapshots and interruptions of one market, in time buckets, for its chart. */
export async function getMarketHistory(
  db: Db,
  marketId: string,
  range: keyof typeof ranges,
  now: Date,
): Promise<MarketHistory> {
  const [market] = await db.select().from(markets).where(eq(markets.id, marketId));
  if (!market) throw notFound('Market');

  const { hours, bucketMinutes } = ranges[range];
  const to = now.toISOString();
  const bucket = sql.raw(`interval '${bucketMinutes} minutes'`);
  const from = sql`${to}::timestamptz - interval '${sql.raw(String(hours))} hours'`;

  const prices = await db.execute<{ t: Date; best: string; avg: string; on_demand: string }>(sql`
    select date_bin(${bucket}, observed_at, timestamptz '2000-01-01') as t,
      min(spot_price_per_gpu_hour) as best, avg(spot_price_per_gpu_hour) as avg,
      avg(on_demand_price_per_gpu_hour) as on_demand
    from price_snapshots
    where market_id = ${marketId} and available
      and observed_at > ${from} and observed_at <= ${to}::timestamptz
    group by 1 order by 1`);

  const interruptions = await db.execute<{ t: Date; count: number }>(sql`
    with events as (
      select m.interrupted_at as at from market_rentals m join offers o on o.id = m.offer_id
      where o.market_id = ${marketId} and m.interrupted_at > ${from} and m.interrupted_at <= ${to}::timestamptz
      union all
      select r.interrupted_at from rental_machines r join offers o on o.id = r.offer_id
      where o.market_id = ${marketId} and r.interrupted_at > ${from} and r.interrupted_at <= ${to}::timestamptz
    )
    select date_bin(${bucket}, at, timestamptz '2000-01-01') as t, count(*)::int as count
    from events group by 1 order by 1`);

  const round = (value: string) => Math.round(Number(value) * 10_000) / 10_000;
  return {
    market: {
      id: market.id,
      gpuModel: market.gpuModel,
      region: market.region,
      interruptionRate24h: market.interruptionRate24h,
      class: market.reliabilityClass,
      meanTimeToInterruptionHours: market.meanTimeToInterruptionHours,
      observedRentals24h: market.observedRentals24h,
    },
    range,
    bucketMinutes,
    prices: prices.rows.map((row) => ({
      t: new Date(row.t).toISOString(),
      bestSpotPerGpuHour: round(row.best),
      avgSpotPerGpuHour: round(row.avg),
      onDemandPerGpuHour: round(row.on_demand),
    })),
    interruptions: interruptions.rows.map((row) => ({ t: new Date(row.t).toISOString(), count: row.count })),
  };
}

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { pruneProviderPolls } from '@/lib/market/poll-provider';
import { defineJob } from './job';

/**
 * Keeps history bounded: price snapshots for 30 days (charts show up to 7), observed market
 * rentals for 8 days (the indicators need 24 h, the chart 7 days).
 */
export const pruneHistoryJob = defineJob({
  name: 'prune-history',
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 2 },
  schedule: { cron: '17 * * * *', data: {} },
  async handle(_payload, { db, clock }) {
    const now = clock.now().toISOString();
    await db.execute(sql`delete from price_snapshots where observed_at < ${now}::timestamptz - interval '30 days'`);
    await db.execute(sql`delete from market_rentals where coalesce(ended_at, started_at) < ${now}::timestamptz - interval '8 days'`);
    await pruneProviderPolls(db, clock.now());
  },
});

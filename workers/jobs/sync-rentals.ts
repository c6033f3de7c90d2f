import { z } from 'zod';
import { syncRentalStates } from '@/lib/rentals/sync-rental-states';
import { failoverDepsOf } from '../failover/failover-deps';
import { defineJob } from './job';

const NAME = 'sync-rentals';
const EVERY_SECONDS = 5;

/** Follows live rentals at their providers every few seconds (chained, kicked each minute). */
export const syncRentalsJob = defineJob({
  name: NAME,
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 120 },
  work: { pollingIntervalSeconds: 1 },
  schedule: { cron: '* * * * *', data: {} },
  async handle(_payload, deps) {
    try {
      await syncRentalStates({ ...deps, wake: failoverDepsOf(deps).wake });
    } finally {
      await deps.boss.send(NAME, {}, { startAfter: EVERY_SECONDS });
    }
  },
  async onStart(deps) {
    await deps.boss.send(NAME, {});
  },
});

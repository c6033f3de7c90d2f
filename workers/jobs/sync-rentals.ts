import { followStandbys } from '@/lib/failover/follow-standbys';
import { syncRentalStates } from '@/lib/rentals/sync-rental-states';
import { failoverDepsOf } from '../failover/failover-deps';
import { defineRepeatingJob } from './job';

/**
 * Follows live machines at their providers every few seconds: GPUs starting, given notice or
 * taken back, and standbys the provider lost.
 */
export const syncRentalsJob = defineRepeatingJob({
  name: 'sync-rentals',
  everySeconds: 5,
  async run(deps) {
    const failover = failoverDepsOf(deps);
    const sync = {
      ...deps,
      wake: failover.wake,
      warn: { notifier: failover.notifier, appUrl: failover.appUrl },
    };
    await syncRentalStates(sync);
    await followStandbys(sync);
  },
});

import { syncRentalStates } from '@/lib/rentals/sync-rental-states';
import { failoverDepsOf } from '../failover/failover-deps';
import { defineRepeatingJob } from './job';

/** Follows live rentals at their providers every few seconds: starts, notices, take-backs. */
export const syncRentalsJob = defineRepeatingJob({
  name: 'sync-rentals',
  everySeconds: 5,
  run: (deps) => syncRentalStates({ ...deps, wake: failoverDepsOf(deps).wake }),
});

import { z } from 'zod';
import { advanceFailoverRun } from '@/lib/failover/run/advance-failover-run';
import { findOrphanedRuns } from '@/lib/failover/run/run-lease';
import { wakeRestorableRuns } from '@/lib/failover/wake-restorable-runs';
import { FAILOVER_RUN_QUEUE } from '@/lib/failover/run/wake-run';
import { failoverDepsOf } from '../failover/failover-deps';
import { defineJob } from './job';

const WATCHDOG_MS = 2_000;
/** Every this many watchdog rounds, runs on standby are checked against the stored offers too. */
const RESTORE_CHECK_EVERY = 5;

/**
 * Drives a failover run. The queue notifies workers on insert, so a run detected by the webhook
 * starts at once. Jobs are only wake-up calls: the run's lease in PostgreSQL decides who works,
 * so a duplicate job, or one from a worker that died, does no harm. Each worker's watchdog wakes
 * runs left without a live lease (their worker died) every two seconds, and every ten seconds
 * runs on standby that could go back to a GPU (should market polls stall, as when a worker dies
 * holding the poll job).
 */
export const failoverRunJob = defineJob({
  name: FAILOVER_RUN_QUEUE,
  payload: z.object({ runId: z.uuid() }),
  queue: { policy: 'short', retryLimit: 0, expireInSeconds: 3_600, notify: true },
  work: { localConcurrency: 4, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 10 },
  async handle({ runId }, deps) {
    await advanceFailoverRun(failoverDepsOf(deps), runId);
  },
  background(deps) {
    const failover = failoverDepsOf(deps);
    let busy = false;
    let round = 0;
    const watch = async () => {
      const orphaned = await findOrphanedRuns(deps.db);
      await Promise.all(orphaned.map((runId) => failover.wake(runId)));
      if (++round % RESTORE_CHECK_EVERY === 0) await wakeRestorableRuns(failover);
    };
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      watch()
        .catch((error) => deps.logger.warn({ err: error }, 'failover_watchdog_failed'))
        .finally(() => (busy = false));
    }, WATCHDOG_MS);
    return () => clearInterval(timer);
  },
});

import { createObjectStore } from '@/agent/core/object-store';
import type { FailoverDeps } from '@/lib/failover/run/failover-deps';
import { wakeRunWith } from '@/lib/failover/run/wake-run';
import { failoverNotifier } from '@/lib/failover/notify/failover-notifier';
import { appUrlOf } from '@/lib/env';
import { agentControlUrl, objectStoreConfig } from '@/lib/storage/object-store-config';
import { deliveryQueue } from '../jobs/deliver-notification';
import type { WorkerDeps } from '../jobs/job';

const built = new WeakMap<WorkerDeps, FailoverDeps>();

/** What failover runs need, from the worker's own dependencies (built once per worker). */
export function failoverDepsOf(deps: WorkerDeps): FailoverDeps {
  let failover = built.get(deps);
  if (!failover) {
    const storage = objectStoreConfig(deps.env);
    failover = {
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      providers: deps.providers,
      store: storage ? createObjectStore(storage) : null,
      notifier: failoverNotifier(deliveryQueue(deps.boss)),
      appUrl: appUrlOf(deps.env),
      controlUrl: agentControlUrl(deps.env),
      wake: wakeRunWith(deps.boss),
      workerId: deps.workerId,
    };
    built.set(deps, failover);
  }
  return failover;
}

import { deliverNotificationJob } from './deliver-notification';
import { failoverRunJob } from './failover-run';
import { pollKickJob, pollProviderJob } from './poll-provider';
import { pruneAgentNoncesJob } from './prune-agent-nonces';
import { pruneAuthJob } from './prune-auth';
import { pruneHistoryJob } from './prune-history';
import { sweepNotificationsJob } from './sweep-notifications';
import { syncRentalsJob } from './sync-rentals';
import type { JobDefinition } from './job';

/** Every job the worker runs. Adding a job is adding its file and a line here. */
export const jobs: JobDefinition<any>[] = [
  pollProviderJob,
  pollKickJob,
  syncRentalsJob,
  pruneHistoryJob,
  pruneAuthJob,
  deliverNotificationJob,
  sweepNotificationsJob,
  failoverRunJob,
  pruneAgentNoncesJob,
];

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PgBoss } from 'pg-boss';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { Env } from '@/lib/env';
import type { Logger } from '@/lib/logger';
import type { ChannelRegistry } from '@/lib/notify/channel';
import { createChannels } from '@/lib/notify/channels';
import { createProviders } from '@/lib/providers/registry';
import type { ProviderAdapter } from '@/lib/providers/types';
import { jobs } from './jobs';
import type { JobDefinition, WorkerDeps } from './jobs/job';

export interface WorkerOptions {
  databaseUrl: string;
  db: Db;
  env: Env;
  clock: Clock;
  logger: Logger;
  /** Replaces the providers built from the environment (tests). */
  providers?: Map<string, ProviderAdapter>;
  /** Replaces the notification channels built from the environment (tests). */
  channels?: ChannelRegistry;
  jobs?: JobDefinition<any>[];
}

export interface RunningWorker {
  deps: WorkerDeps;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the app's PostgreSQL and works every job. Several workers may run side by
 * side: queues and schedules live in the database, and each job is claimed by one of them.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 5, useListenNotify: true });
  let stopping = false;
  // pg-boss reports lost connections here; while stopping they are expected and not worth a line.
  boss.on('error', (error: Error & { code?: string }) => {
    if (!stopping)
      options.logger.error({ error: error.message, code: error.code }, 'job_queue_error');
  });
  await boss.start();

  const deps: WorkerDeps = {
    db: options.db,
    boss,
    clock: options.clock,
    env: options.env,
    logger: options.logger.child({ worker_id: workerId }),
    providers: options.providers ?? createProviders(options),
    channels: options.channels ?? createChannels(options.db, options.env),
    workerId,
  };

  const definitions = options.jobs ?? jobs;
  for (const job of definitions) {
    await boss
      .createQueue(job.name, job.queue)
      .catch(async () => boss.updateQueue(job.name, job.queue));
    if (job.schedule) await boss.schedule(job.name, job.schedule.cron, job.schedule.data);
    await boss.work(
      job.name,
      job.work ?? {},
      async (batch: Array<{ id: string; data: unknown }>) => {
        for (const entry of batch) {
          const payload = job.payload.parse(entry.data);
          const started = Date.now();
          try {
            await job.handle(payload, deps);
          } catch (error) {
            deps.logger.error({ job: job.name, job_id: entry.id, err: error }, 'job_failed');
            throw error;
          }
          deps.logger.debug(
            { job: job.name, job_id: entry.id, duration_ms: Date.now() - started },
            'job_done',
          );
        }
      },
    );
  }
  for (const job of definitions) await job.onStart?.(deps);
  const stopBackground = definitions.flatMap((job) =>
    job.background ? [job.background(deps)] : [],
  );
  deps.logger.info(
    { jobs: definitions.map((job) => job.name), providers: [...deps.providers.keys()] },
    'worker_started',
  );

  return {
    deps,
    stop: () => {
      stopping = true;
      for (const stop of stopBackground) stop();
      return boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

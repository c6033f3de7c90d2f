import type { PgBoss, Queue, WorkOptions } from 'pg-boss';
import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { Env } from '@/lib/env';
import type { Logger } from '@/lib/logger';
import type { ChannelRegistry } from '@/lib/notify/channel';
import type { ProviderAdapter } from '@/lib/providers/types';

export interface WorkerDeps {
  db: Db;
  boss: PgBoss;
  clock: Clock;
  env: Env;
  logger: Logger;
  providers: Map<string, ProviderAdapter>;
  channels: ChannelRegistry;
  workerId: string;
}

/** A job: its queue, payload schema, optional schedule, and a handler safe to run again. */
export interface JobDefinition<Payload extends object> {
  name: string;
  payload: z.ZodType<Payload>;
  queue: Omit<Queue, 'name'>;
  work?: WorkOptions;
  schedule?: { cron: string; data: Payload };
  handle(payload: Payload, deps: WorkerDeps): Promise<void>;
  /** Jobs to send when a worker starts (first poll without waiting for the schedule). */
  onStart?(deps: WorkerDeps): Promise<void>;
  /** Work a worker does beside its jobs while it runs (a watchdog); answers how to stop it. */
  background?(deps: WorkerDeps): () => void;
}

export const defineJob = <Payload extends object>(job: JobDefinition<Payload>) => job;

/**
 * A job that runs every few seconds, more often than cron can: each run queues the next one
 * `everySeconds` later, a cron kick each minute restarts a chain a crashed worker broke, and
 * the `stately` queue holds at most one waiting and one running, so workers never double it.
 */
export function defineRepeatingJob(job: {
  name: string;
  everySeconds: number;
  run(deps: WorkerDeps): Promise<unknown>;
}): JobDefinition<Record<string, never>> {
  return defineJob({
    name: job.name,
    payload: z.strictObject({}),
    queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 120 },
    work: { pollingIntervalSeconds: 1 },
    schedule: { cron: '* * * * *', data: {} },
    async handle(_payload, deps) {
      try {
        await job.run(deps);
      } finally {
        await deps.boss.send(job.name, {}, { startAfter: job.everySeconds });
      }
    },
    async onStart(deps) {
      await deps.boss.send(job.name, {});
    },
  });
}

import { PgBoss } from 'pg-boss';
import { wakeRunWith, type WakeRun } from '@/lib/failover/run/wake-run';
import { logger } from '@/lib/logger';

const globalForJobs = globalThis as unknown as { spotMarketJobSender?: Promise<PgBoss> };

/**
 * pg-boss in the web process, for sending only: no workers, no cron, no maintenance (the worker
 * processes do those). Jobs sent here wake a worker at once through LISTEN/NOTIFY.
 */
export function getJobSender(): Promise<PgBoss> {
  globalForJobs.spotMarketJobSender ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    const boss = new PgBoss({
      connectionString: url,
      max: 2,
      supervise: false,
      schedule: false,
      registerInstance: false,
    });
    boss.on('error', (error: Error) => logger.warn({ error: error.message }, 'job_sender_error'));
    await boss.start();
    return boss;
  })().catch((error) => {
    globalForJobs.spotMarketJobSender = undefined;
    throw error;
  });
  return globalForJobs.spotMarketJobSender;
}

/** Wakes a failover run from the web app; if that fails, the workers' watchdog finds the run. */
export const wakeRunFromWeb: WakeRun = async (runId, startAfterSeconds) => {
  try {
    await wakeRunWith(await getJobSender())(runId, startAfterSeconds);
  } catch (error) {
    logger.warn({ run_id: runId, err: error }, 'failover_wake_failed');
  }
};

export async function closeJobSender(): Promise<void> {
  const sender = globalForJobs.spotMarketJobSender;
  globalForJobs.spotMarketJobSender = undefined;
  if (sender) await (await sender).stop({ graceful: false }).catch(() => undefined);
}

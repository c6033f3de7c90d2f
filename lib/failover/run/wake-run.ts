import type { PgBoss } from 'pg-boss';

export const FAILOVER_RUN_QUEUE = 'failover-run';

/** Asks a worker to drive a run now (or after a delay). Asking twice while one waits is one job. */
export type WakeRun = (runId: string, startAfterSeconds?: number) => Promise<void>;

export function wakeRunWith(boss: PgBoss): WakeRun {
  return async (runId, startAfterSeconds) => {
    await boss.send(
      FAILOVER_RUN_QUEUE,
      { runId },
      { singletonKey: runId, ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}) },
    );
  };
}

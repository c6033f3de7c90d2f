import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { startWorker, type RunningWorker } from '@/workers/start-worker';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await database.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PollRow {
  worker_id: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: string;
}

const polls = async (): Promise<PollRow[]> =>
  (
    await database.db.execute<Record<string, string | null>>(
      sql`select worker_id, started_at, finished_at, outcome from provider_polls
          where provider = 'simulated' order by started_at`,
    )
  ).rows.map((row) => ({
    worker_id: row.worker_id!,
    started_at: new Date(row.started_at!),
    finished_at: row.finished_at ? new Date(row.finished_at) : null,
    outcome: row.outcome!,
  }));

describe('two workers side by side', () => {
  it('never run the same poll twice, and one carries on when the other stops', async () => {
    const env = {
      ...getEnv({ POLL_INTERVAL_SECONDS: '5', SIM_SEED: '42' }),
      DATABASE_URL: database.url,
    };
    const start = () =>
      startWorker({ databaseUrl: database.url, db: database.db, env, clock: systemClock, logger });
    workers.push(await start(), await start());
    const [first, second] = workers;

    await sleep(14_000);
    await first!.stop();
    const stoppedAt = new Date();
    await sleep(12_000);

    const rows = await polls();
    // A poll about every 5 s over ~26 s: a few, never two at once, never two close together.
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < rows.length; i++) {
      const previous = rows[i - 1]!;
      expect(previous.finished_at).not.toBeNull();
      expect(rows[i]!.started_at.getTime()).toBeGreaterThanOrEqual(previous.finished_at!.getTime());
      expect(rows[i]!.started_at.getTime() - previous.started_at.getTime()).toBeGreaterThan(4_000);
    }
    expect(rows.every((row) => row.outcome === 'succeeded')).toBe(true);

    const afterStop = rows.filter((row) => row.started_at > stoppedAt);
    expect(afterStop.length).toBeGreaterThanOrEqual(1);
    expect(afterStop.every((row) => row.worker_id === second!.deps.workerId)).toBe(true);
  }, 60_000);
});

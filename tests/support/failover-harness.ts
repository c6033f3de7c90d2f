import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { createObjectStore, type ObjectStore } from '@/agent/core/object-store';
import { closeDatabase } from '@/db/client';
import { failoverRuns, offers, rentals, users, type FailoverRunState } from '@/db/schema';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { updateFailoverSettings } from '@/lib/failover/settings/manage-failover-settings';
import {
  defaultFailoverSettings,
  type FailoverSettings,
} from '@/lib/failover/settings/failover-settings';
import { closeJobSender } from '@/lib/jobs/job-sender';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedMachineHost } from '@/lib/providers/simulated/machine-host';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createRental } from '@/lib/rentals/create-rental';
import { startS3StandIn, type S3StandIn } from '@/lib/storage/s3-stand-in';
import { startWorker, type RunningWorker } from '@/workers/start-worker';
import { startAgentApi, type RouteServer } from '@/scripts/lib/route-server';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface FailoverHarness {
  database: TestDatabase;
  s3: S3StandIn;
  store: ObjectStore;
  api: RouteServer;
  host: SimulatedMachineHost;
  provider: SimulatedProvider;
  workers: RunningWorker[];
  env: ReturnType<typeof getEnv>;
  startWorkers(count: number): Promise<RunningWorker[]>;
  setSettings(settings: Partial<FailoverSettings>): Promise<void>;
  rentGpu(gpuModel?: string): Promise<{ rentalId: string; machineId: string; workspace: string }>;
  runOf(rentalId: string): Promise<typeof failoverRuns.$inferSelect | undefined>;
  /** Waits for the rental's run to reach `state`, and answers it. */
  runInState(
    rentalId: string,
    state: FailoverRunState,
    timeoutMs?: number,
  ): Promise<typeof failoverRuns.$inferSelect>;
  close(): Promise<void>;
}

/** The user every harness rental belongs to. */
export const USER_ID = 'failover-user';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * Everything a failover needs, for real, on loopback: a cloned PostgreSQL database, an S3 server
 * (s3rver) in a temporary folder, the app's agent API, the simulated machines with their agents
 * and real workspaces, and workers. Machines keep their folders after they end, for comparison.
 */
export async function startFailoverHarness(options: {
  seedMb: number;
  workers?: number;
}): Promise<FailoverHarness> {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'spot-failover-'));
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const s3 = await startS3StandIn({ port: 0, directory: path.join(temp, 's3') });
  const store = createObjectStore(s3.config);
  const api = await startAgentApi();
  const env = {
    ...getEnv({ POLL_INTERVAL_SECONDS: '5', SIM_SEED: '42', SIM_MACHINE_INTERRUPTIONS: 'false' }),
    DATABASE_URL: database.url,
    AGENT_CONTROL_URL: api.url,
    R2_ENDPOINT: s3.config.endpoint,
    R2_ACCESS_KEY_ID: s3.config.accessKeyId,
    R2_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    R2_BUCKET: s3.config.bucket,
  };
  const provider = new SimulatedProvider({
    db: database.db,
    clock: systemClock,
    seed: 42,
    interruptions: false,
  });
  const providers = new Map([['simulated', provider]]);
  await database.db
    .insert(users)
    .values({ id: USER_ID, name: 'Failover tester', email: 'failover@example.com' });
  await pollProvider(provider, {
    db: database.db,
    clock: systemClock,
    logger,
    workerId: 'test',
    timeoutMs: 10_000,
    intervalSeconds: 5,
  });

  const host = new SimulatedMachineHost({
    db: database.db,
    machinesDir: path.join(temp, 'machines'),
    store,
    seedMb: options.seedMb,
    logger,
    keepEndedMachines: true,
  });
  host.start();

  const workers: RunningWorker[] = [];
  const startWorkers = async (count: number) => {
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        startWorker({
          databaseUrl: database.url,
          db: database.db,
          env,
          clock: systemClock,
          logger,
          providers,
        }),
      ),
    );
    workers.push(...started);
    return started;
  };
  await startWorkers(options.workers ?? 0);

  const runOf = async (rentalId: string) => {
    const [run] = await database.db
      .select()
      .from(failoverRuns)
      .where(eq(failoverRuns.rentalId, rentalId));
    return run;
  };

  return {
    database,
    s3,
    store,
    api,
    host,
    provider,
    workers,
    env,
    startWorkers,
    async setSettings(settings) {
      await updateFailoverSettings(
        database.db,
        USER_ID,
        { ...defaultFailoverSettings, ...settings },
        new Date(),
      );
    },
    async rentGpu(gpuModel = 'RTX 4090') {
      const [offer] = await database.db
        .select()
        .from(offers)
        .where(
          and(eq(offers.gpuModel, gpuModel), eq(offers.gpuCount, 1), eq(offers.available, true)),
        )
        .orderBy(offers.spotPricePerGpuHour)
        .limit(1);
      const rental = await createRental(
        { db: database.db, clock: systemClock, providers, agentControlUrl: api.url },
        USER_ID,
        // The simulated market reprices every few minutes while a long test runs: agree to pay
        // up to twice the listed price, as a user confirming a fresh quote would.
        {
          offerId: offer!.id,
          confirmedPricePerHour: Number((offer!.spotPricePerHour * 2).toFixed(4)),
        },
      );
      const machineId = rental.machines[0]!.machineId!;
      await waitFor('the GPU agent to boot', async () => host.agentOf(machineId), 30_000);
      return { rentalId: rental.id, machineId, workspace: host.workspaceOf(machineId) };
    },
    runOf,
    runInState(rentalId, state, timeoutMs = 60_000) {
      return waitFor(
        `the run to be ${state}`,
        async () => {
          const run = await runOf(rentalId);
          return run?.state === state ? run : null;
        },
        timeoutMs,
      );
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.stop()));
      await host.stop();
      await api.close();
      await closeJobSender();
      await closeDatabase();
      await s3.close();
      await database.drop();
      await fs.rm(temp, { recursive: true, force: true });
    },
  };
}

export async function rentalState(database: TestDatabase, rentalId: string) {
  const [rental] = await database.db.select().from(rentals).where(eq(rentals.id, rentalId));
  return rental!.state;
}

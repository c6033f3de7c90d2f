import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import {
  failoverCheckpoints,
  failoverRuns,
  failoverSteps,
  machineAgents,
  offers,
  users,
} from '@/db/schema';
import { systemClock } from '@/lib/clock';
import { defaultFailoverSettings } from '@/lib/failover/settings/failover-settings';
import { updateFailoverSettings } from '@/lib/failover/settings/manage-failover-settings';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createRental } from '@/lib/rentals/create-rental';
import { startBenchEnv, type BenchEnv } from './lib/failover-bench-env';

/**
 * notice → run started and notice → standby serving, for 100 MB and 1 GiB workspaces on the
 * loopback S3 server: "cold" (no checkpoint before the notice: everything is uploaded within
 * it) and "warm" (an interval checkpoint before, then a small change). Goals: ≤ 1 s and ≤ 30 s.
 */
const cases = [
  { mb: 100, warm: false },
  { mb: 1024, warm: false },
  { mb: 100, warm: true },
  { mb: 1024, warm: true },
];
const NOTICE_SECONDS = 30;
const USER = 'bench-user';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One large file (60%) and 64 smaller ones, random bytes: nothing compresses or dedupes. */
async function fillWorkspace(workspace: string, mb: number) {
  const write = async (file: string, bytes: number) => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const handle = await fs.open(file, 'w');
    for (let done = 0; done < bytes; done += 4 << 20)
      await handle.write(randomBytes(Math.min(4 << 20, bytes - done)));
    await handle.close();
  };
  const total = mb << 20;
  await write(path.join(workspace, 'checkpoints', 'model.pt'), Math.round(total * 0.6));
  const small = Math.floor((total * 0.4) / 64);
  for (let index = 0; index < 64; index++)
    await write(path.join(workspace, 'data', `part-${index}.bin`), small);
}

async function runCase(bench: BenchEnv, provider: SimulatedProvider, mb: number, warm: boolean) {
  const { db } = bench.database;
  const [offer] = await db
    .select()
    .from(offers)
    .where(and(eq(offers.gpuModel, 'RTX 4090'), eq(offers.gpuCount, 1), eq(offers.available, true)))
    .limit(1);
  const rental = await createRental(
    {
      db,
      clock: systemClock,
      providers: new Map([['simulated', provider]]),
      agentControlUrl: bench.api.url,
    },
    USER,
    { offerId: offer!.id, confirmedPricePerHour: offer!.spotPricePerHour },
  );
  const machineId = rental.machines[0]!.machineId!;
  await until(
    'the agent to boot',
    async () =>
      (
        await db
          .select()
          .from(machineAgents)
          .where(and(eq(machineAgents.machineId, machineId), isNotNull(machineAgents.lastSeenAt)))
      )[0],
    60_000,
  );
  const workspace = path.join(bench.childEnv.SIM_MACHINES_DIR!, machineId, 'workspace');
  await fillWorkspace(workspace, mb);

  if (warm) {
    await until(
      'an interval checkpoint',
      async () =>
        (
          await db
            .select()
            .from(failoverCheckpoints)
            .where(eq(failoverCheckpoints.rentalId, rental.id))
        )[0],
      240_000,
    );
    await fs.writeFile(path.join(workspace, 'logs.txt'), randomBytes(1 << 20));
  }

  const notice = await provider.interrupt(machineId, NOTICE_SECONDS);
  const run = await until(
    'the standby to serve',
    async () => {
      const [found] = await db
        .select()
        .from(failoverRuns)
        .where(eq(failoverRuns.rentalId, rental.id));
      if (found?.state === 'failed') throw new Error(`run failed: ${found.error}`);
      return found?.standbyServingAt ? found : null;
    },
    300_000,
  );
  const steps = await db
    .select()
    .from(failoverSteps)
    .where(eq(failoverSteps.runId, run.id))
    .orderBy(asc(failoverSteps.id));
  const took = (name: string) => {
    const step = steps.find((row) => row.step === name);
    return step?.startedAt && step.finishedAt
      ? (step.finishedAt.getTime() - step.startedAt.getTime()) / 1000
      : NaN;
  };
  const noticeAt = notice.noticeAt!.getTime();
  return {
    workspace: mb >= 1024 ? `${mb / 1024} GiB` : `${mb} MB`,
    mode: warm ? 'warm' : 'cold',
    detectedS: (run.detectedAt.getTime() - noticeAt) / 1000,
    runStartedS: (run.startedAt!.getTime() - noticeAt) / 1000,
    standbyServingS: (run.standbyServingAt!.getTime() - noticeAt) / 1000,
    syncS: took('sync'),
    standbyStepS: took('standby'),
    uploadedMb:
      Number(steps.find((row) => row.step === 'sync')?.output.uploadedBytes ?? 0) / 1_048_576,
    fallback: run.checkpointFallback,
  };
}

const bench = await startBenchEnv();
try {
  const { db } = bench.database;
  await db.insert(users).values({ id: USER, name: 'Bench', email: 'bench@example.com' });
  await updateFailoverSettings(
    db,
    USER,
    { ...defaultFailoverSettings, enabled: true, autoRestore: false, checkpointIntervalMinutes: 1 },
    new Date(),
  );
  const provider = new SimulatedProvider({
    db,
    clock: systemClock,
    seed: 42,
    interruptions: false,
  });
  await pollProvider(provider, {
    db,
    clock: systemClock,
    logger,
    workerId: 'bench',
    timeoutMs: 10_000,
    intervalSeconds: 30,
  });
  bench.spawnChild('workers/main.ts', { SPOT_SERVICE: 'worker' });
  bench.spawnChild('scripts/sim-agents.ts', {
    SPOT_SERVICE: 'sim-agents',
    SIM_WORKSPACE_SEED_MB: '0',
  });

  const results = [];
  for (const { mb, warm } of cases) {
    const result = await runCase(bench, provider, mb, warm);
    results.push(result);
    console.log(JSON.stringify(result));
  }
  console.log(
    '\nnotice → run started (goal ≤ 1 s) and notice → standby serving (goal ≤ 30 s), 30 s notice:',
  );
  console.table(
    results.map((result) => ({
      workspace: result.workspace,
      mode: result.mode,
      'notice→detected s': result.detectedS.toFixed(2),
      'notice→run started s': result.runStartedS.toFixed(2),
      'notice→standby serving s': result.standbyServingS.toFixed(1),
      'sync s': result.syncS.toFixed(1),
      'standby step s': result.standbyStepS.toFixed(1),
      'uploaded MB': result.uploadedMb.toFixed(0),
      fallback: result.fallback,
    })),
  );
} finally {
  await bench.close();
}

import { and, asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, failoverSteps, rentalMachines, simMachines } from '@/db/schema';
import { hashTree } from '../support/hash-tree';
import {
  sleep,
  startFailoverHarness,
  waitFor,
  type FailoverHarness,
} from '../support/failover-harness';
import { startWorkerProcess, type LogLine, type WorkerProcess } from '../support/worker-process';

/**
 * Crash safety: twenty failovers, each with the worker process killed (SIGKILL) somewhere inside
 * a step — at a random delay after the step starts, or right after one of its side effects — and
 * a new worker started. Every run must still end restored, with one standby, one message per
 * channel and event, and the workspace identical on the standby and on the new GPU.
 */
interface KillPoint {
  step: string;
  msg: string;
  /** The kill comes 0…maxDelayMs after the line (seeded, so the plan is the same each time). */
  maxDelayMs: number;
}

const plan: KillPoint[] = [
  { step: 'sync', msg: 'failover_step_started', maxDelayMs: 300 },
  { step: 'sync', msg: 'agent_command_queued', maxDelayMs: 0 },
  { step: 'standby', msg: 'failover_step_started', maxDelayMs: 200 },
  { step: 'standby', msg: 'standby_provisioned', maxDelayMs: 0 },
  { step: 'standby', msg: 'standby_provisioned', maxDelayMs: 2_500 },
  { step: 'standby', msg: 'standby_workspace_restored', maxDelayMs: 0 },
  { step: 'standby', msg: 'standby_serving', maxDelayMs: 0 },
  { step: 'notify', msg: 'failover_step_started', maxDelayMs: 0 },
  { step: 'notify', msg: 'notifications_queued', maxDelayMs: 0 },
  { step: 'restore', msg: 'failover_step_started', maxDelayMs: 200 },
  { step: 'restore', msg: 'restore_gpu_rented', maxDelayMs: 0 },
  { step: 'restore', msg: 'restore_gpu_rented', maxDelayMs: 3_000 },
  { step: 'restore', msg: 'handover_checkpoint_done', maxDelayMs: 0 },
  { step: 'restore', msg: 'gpu_workspace_restored', maxDelayMs: 0 },
  { step: 'restore', msg: 'rental_switched_over', maxDelayMs: 0 },
  { step: 'restore', msg: 'standby_terminated', maxDelayMs: 0 },
  { step: 'restore', msg: 'notifications_queued', maxDelayMs: 0 },
  { step: 'sync', msg: 'failover_step_started', maxDelayMs: 1_000 },
  { step: 'standby', msg: 'failover_step_started', maxDelayMs: 2_500 },
  { step: 'restore', msg: 'failover_step_started', maxDelayMs: 4_000 },
];

/** mulberry32: the same delays on every run of the suite. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let harness: FailoverHarness;
let worker: WorkerProcess;
let workerEnv: Record<string, string>;
const random = seeded(20_261_204);
/** Kills that cut a step short (its attempt was resumed by the next worker). */
const resumed: string[] = [];

beforeAll(async () => {
  harness = await startFailoverHarness({ seedMb: 24 });
  await harness.setSettings({
    enabled: true,
    channels: ['email', 'push', 'sms'],
    restoreMaxPricePerGpuHour: 5,
  });
  const { env } = harness;
  workerEnv = {
    DATABASE_URL: env.DATABASE_URL!,
    AGENT_CONTROL_URL: env.AGENT_CONTROL_URL!,
    R2_ENDPOINT: env.R2_ENDPOINT!,
    R2_ACCESS_KEY_ID: env.R2_ACCESS_KEY_ID!,
    R2_SECRET_ACCESS_KEY: env.R2_SECRET_ACCESS_KEY!,
    R2_BUCKET: env.R2_BUCKET!,
    POLL_INTERVAL_SECONDS: '5',
    SIM_SEED: '42',
    SIM_MACHINE_INTERRUPTIONS: 'false',
  };
  worker = await startWorkerProcess(workerEnv);
}, 180_000);

afterAll(async () => {
  console.log(
    `kills that cut a step short: ${resumed.length} of ${plan.length} (${resumed.join(', ')})`,
  );
  await worker?.kill('SIGTERM');
  await harness?.close();
});

describe('a worker killed inside any failover step', () => {
  it.each(plan.map((point, index) => [index + 1, point] as const))(
    'run %i: killed at %o still ends restored, once, with identical data',
    async (_index, point) => {
      const { rentalId, machineId, workspace } = await harness.rentGpu();
      const original = hashTree(workspace);
      const delay = Math.round(random() * point.maxDelayMs);

      const killed = worker.waitForLine(
        (line: LogLine) =>
          line.msg === point.msg && line.step === point.step && line.rental_id === rentalId,
        120_000,
      );
      await harness.provider.interrupt(machineId, 30);
      await killed;
      await sleep(delay);
      await worker.kill('SIGKILL');
      worker = await startWorkerProcess(workerEnv);

      const run = await waitFor(
        'the run to end restored',
        async () => {
          const found = await harness.runOf(rentalId);
          if (found?.state === 'failed') throw new Error(`run failed: ${found.error}`);
          return found?.state === 'restored' ? found : null;
        },
        180_000,
      );
      const { db } = harness.database;

      const standbys = await db
        .select()
        .from(simMachines)
        .where(
          and(
            eq(simMachines.kind, 'standby'),
            sql`${simMachines.bootEnv}->>'SPOT_RENTAL_ID' = ${rentalId}`,
          ),
        );
      expect(standbys.map((machine) => machine.id)).toEqual([run.standbyMachineId]);
      const gpus = await db
        .select()
        .from(simMachines)
        .where(like(simMachines.idempotencyKey, `failover:${run.id}:restore:%`));
      expect(
        gpus.filter((machine) => machine.terminatedAt === null).map((machine) => machine.id),
      ).toEqual([run.restoreMachineId]);

      const sent = await db
        .select()
        .from(notifications)
        .where(eq(notifications.rentalId, rentalId));
      expect(sent.map((row) => row.dedupeKey).sort()).toEqual(
        ['email', 'push', 'sms']
          .flatMap((channel) =>
            ['restored', 'standby'].map((event) => `failover:${run.id}:${event}:${channel}`),
          )
          .sort(),
      );

      const machines = await db
        .select()
        .from(rentalMachines)
        .where(eq(rentalMachines.rentalId, rentalId))
        .orderBy(asc(rentalMachines.startedAt));
      expect(machines.map((machine) => [machine.kind, machine.machineId])).toEqual([
        ['gpu', machineId],
        ['standby', run.standbyMachineId],
        ['gpu', run.restoreMachineId],
      ]);
      expect(hashTree(harness.host.workspaceOf(run.standbyMachineId!))).toEqual(original);
      expect(hashTree(harness.host.workspaceOf(run.restoreMachineId!))).toEqual(original);

      const steps = await db.select().from(failoverSteps).where(eq(failoverSteps.runId, run.id));
      expect(steps.every((step) => step.state === 'succeeded')).toBe(true);
      const cut = steps.find((step) =>
        step.errors.some((error) => /worker stopped/.test(error.message)),
      );
      if (cut) resumed.push(`${point.msg}@${cut.step}`);
    },
  );

  it('cut most steps short, not only the gaps between them', () => {
    expect(resumed.length).toBeGreaterThanOrEqual(12);
  });
});

import { checkpointResult, type CheckpointReport } from '@/agent/core/protocol';
import { awaitAgentCommand, queueAgentCommand } from '../agents/agent-commands';
import { findAgentOfMachine } from '../agents/prepare-machine-agent';
import { recordCheckpoint } from '../agents/record-checkpoint';
import { newestCheckpoint, type CheckpointChoice } from '../checkpoints';
import type { StepContext, StepDefinition } from '../run/failover-deps';
import { describeAge, megabytes, requireStore, updateRun, whileMachineLives } from './step-helpers';

/** After the machine is due to go, how long a sync result may still take to reach us. */
const GRACE_MS = 5_000;
const DEFAULT_NOTICE_MS = 120_000;

/** Asks the GPU's agent for its notice checkpoint and waits for it, at most until the GPU goes. */
async function syncFromGpu(
  context: StepContext,
): Promise<{ report: CheckpointReport | null; problem: string | null }> {
  const { deps, run, signal, log } = context;
  const agent = await findAgentOfMachine(deps.db, run.gpuProvider, run.gpuMachineId);
  if (!agent) return { report: null, problem: 'The GPU has no agent to sync from' };

  const command = await queueAgentCommand(deps.db, {
    key: `${run.id}:sync`,
    agentId: agent.id,
    runId: run.id,
    kind: 'checkpoint',
    args: { reason: 'notice', label: `${run.id}-sync`, final: true },
  });
  await context.record({ gpuAgentId: agent.id, syncCommandId: command.id });
  log.info({ command_id: command.id }, 'agent_command_queued');

  const goneAt = run.interruptAt ?? new Date(run.noticeAt.getTime() + DEFAULT_NOTICE_MS);
  const done = await awaitAgentCommand(deps.db, command.key, {
    until: new Date(goneAt.getTime() + GRACE_MS),
    signal,
    watch: whileMachineLives(deps, run.rentalId, run.gpuProvider, run.gpuMachineId),
  });
  if (done?.state === 'succeeded')
    return { report: checkpointResult.parse(done.result), problem: null };
  if (done?.state === 'failed')
    return { report: null, problem: `The GPU's agent could not sync: ${done.error}` };
  return { report: null, problem: 'The GPU was taken back before the sync finished' };
}

/**
 * Sync: the GPU's workspace goes to object storage (incremental, content-addressed). When the
 * GPU goes before that ends, the newest complete checkpoint is used, and the run says how old.
 * Never an older checkpoint than the newest complete one: stale data is not restored over newer.
 */
export const syncStep: StepDefinition = {
  name: 'sync',
  maxAttempts: 5,
  async run(context) {
    const { deps, run, rental } = context;
    const store = requireStore(deps);
    const { report, problem } = await syncFromGpu(context);
    const newest = await newestCheckpoint(store, rental.id);

    const chosen: CheckpointChoice | null =
      report && (!newest || newest.seq <= report.seq) ? report : newest;
    const fallback = report === null;
    if (report) {
      await recordCheckpoint(deps.db, {
        rentalId: rental.id,
        agentId: null,
        reason: 'notice',
        checkpoint: report,
      });
    }
    await updateRun(deps, run.id, {
      checkpointKey: chosen?.manifestKey ?? null,
      checkpointSeq: chosen?.seq ?? null,
      checkpointTakenAt: chosen ? new Date(chosen.takenAt) : null,
      checkpointFallback: fallback,
    });

    const ageSeconds = chosen ? (run.noticeAt.getTime() - Date.parse(chosen.takenAt)) / 1000 : null;
    await context.record({
      manifestKey: chosen?.manifestKey ?? null,
      seq: chosen?.seq ?? null,
      files: chosen?.files ?? 0,
      bytes: chosen?.bytes ?? 0,
      uploadedFiles: report?.uploadedFiles ?? 0,
      uploadedBytes: report?.uploadedBytes ?? 0,
      fallback,
      checkpointAgeSeconds: ageSeconds === null ? null : Math.max(0, ageSeconds),
      problem,
    });

    if (!chosen) {
      return {
        state: 'succeeded',
        outcome: `${problem}; no checkpoint exists, the standby starts empty`,
      };
    }
    if (fallback) {
      const age = describeAge(Math.max(0, ageSeconds ?? 0));
      return {
        state: 'succeeded',
        outcome: `${problem}; using checkpoint ${chosen.seq} taken ${age} before the notice`,
      };
    }
    return {
      state: 'succeeded',
      outcome: `Synced ${chosen.files} files (${megabytes(chosen.bytes)}, ${megabytes(report!.uploadedBytes)} uploaded) as checkpoint ${chosen.seq}`,
    };
  },
};

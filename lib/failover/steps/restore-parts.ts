import { and, eq, inArray } from 'drizzle-orm';
import {
  checkpointResult,
  restoreResult,
  type CheckpointReport,
  type RestoreReport,
} from '@/agent/core/protocol';
import { rentals } from '@/db/schema';
import { awaitAgentCommand, queueAgentCommand } from '../agents/agent-commands';
import { findAgentOfMachine } from '../agents/prepare-machine-agent';
import { recordCheckpoint } from '../agents/record-checkpoint';
import { confirmRestore, newestCheckpoint } from '../checkpoints';
import type { StepContext, StepResult } from '../run/failover-deps';
import { recordUnusedMachine, type MachineOnRental } from '../switch-machines';
import { requireStore, setRunState, whileMachineLives } from './step-helpers';

const COMMAND_TIMEOUT_MS = 15 * 60_000;

export interface RentedGpu {
  generation: number;
  provider: string;
  machineId: string;
  agentId: string;
  offerId: string;
  pricePerHour: number;
  machineType: string;
  rentedAt: string;
}

/** The rented GPU as a machine on the rental's history, billed from when it was rented. */
export const gpuOnRental = (gpu: RentedGpu): MachineOnRental => ({
  provider: gpu.provider,
  machineId: gpu.machineId,
  kind: 'gpu',
  machineType: gpu.machineType,
  offerId: gpu.offerId,
  pricePerHour: gpu.pricePerHour,
  startedAt: new Date(gpu.rentedAt),
});

/** Moves rental and run between on standby and restoring, each only from the expected state. */
export async function setRestoring(context: StepContext, restoring: boolean) {
  const { deps, run, rental } = context;
  await setRunState(
    deps,
    run.id,
    restoring ? ['on_standby'] : ['restoring'],
    restoring ? 'restoring' : 'on_standby',
  );
  await deps.db
    .update(rentals)
    .set({ state: restoring ? 'restoring' : 'on_standby' })
    .where(
      and(
        eq(rentals.id, rental.id),
        inArray(rentals.state, [restoring ? 'on_standby' : 'restoring']),
      ),
    );
}

/**
 * The standby's last checkpoint before it hands over. The newest complete checkpoint is used if
 * one is newer still, and one older than the checkpoint the standby started from is refused.
 */
export async function handOver(
  context: StepContext,
  generation: number,
): Promise<CheckpointReport> {
  const { deps, run, rental, signal } = context;
  const agent = await findStandbyAgent(context);
  if (!agent?.provider || !run.standbyMachineId) {
    throw new Error('the standby has no agent to hand over from');
  }

  const command = await queueAgentCommand(deps.db, {
    key: `${run.id}:handover:${generation}`,
    agentId: agent.id,
    runId: run.id,
    kind: 'checkpoint',
    args: { reason: 'handover', label: `${run.id}-handover-${generation}`, final: true },
  });
  const done = await awaitAgentCommand(deps.db, command.key, {
    until: new Date(Date.now() + COMMAND_TIMEOUT_MS),
    signal,
    watch: whileMachineLives(deps, run.rentalId, agent.provider, run.standbyMachineId, 0),
  });
  if (!done) throw new Error('the standby stopped before its hand-over checkpoint');
  if (done.state === 'failed')
    throw new Error(`the standby's hand-over checkpoint failed: ${done.error}`);
  const report = checkpointResult.parse(done.result);
  await recordCheckpoint(deps.db, {
    rentalId: rental.id,
    agentId: agent.id,
    reason: 'handover',
    checkpoint: report,
  });
  if (report.seq < (run.checkpointSeq ?? 0)) {
    throw new Error(
      `hand-over checkpoint ${report.seq} is older than checkpoint ${run.checkpointSeq}`,
    );
  }

  const newest = await newestCheckpoint(requireStore(deps), rental.id);
  return newest && newest.seq > report.seq ? { ...report, ...newest } : report;
}

export async function findStandbyAgent(context: StepContext) {
  const { deps, run } = context;
  if (!run.standbyMachineId) return null;
  for (const provider of deps.providers.keys()) {
    const agent = await findAgentOfMachine(deps.db, provider, run.standbyMachineId);
    if (agent) return agent;
  }
  return null;
}

/** Restores the hand-over checkpoint onto the new GPU and checks it against the manifest. */
export async function restoreOntoGpu(
  context: StepContext,
  gpu: RentedGpu,
  checkpoint: { manifestKey: string; seq: number },
): Promise<RestoreReport> {
  const { deps, run, signal } = context;
  const command = await queueAgentCommand(deps.db, {
    key: `${run.id}:gpu-restore:${gpu.generation}`,
    agentId: gpu.agentId,
    runId: run.id,
    kind: 'restore',
    args: { manifestKey: checkpoint.manifestKey, seq: checkpoint.seq },
  });
  const done = await awaitAgentCommand(deps.db, command.key, {
    until: new Date(Date.now() + COMMAND_TIMEOUT_MS),
    signal,
    watch: whileMachineLives(deps, run.rentalId, gpu.provider, gpu.machineId, 0),
  });
  if (!done) throw new Error('the new GPU stopped before its workspace was restored');
  if (done.state === 'failed') throw new Error(`restore onto the new GPU failed: ${done.error}`);
  const report = restoreResult.parse(done.result);
  await confirmRestore(requireStore(deps), report);
  return report;
}

/**
 * Gives up on this attempt's GPU (taken back, or failing again and again): let it go, count the
 * next generation with a fresh key, and wait on standby for another offer.
 */
export async function abandonGeneration(
  context: StepContext,
  gpu: RentedGpu | null,
  generation: number,
  reason: string,
): Promise<StepResult> {
  const { deps, log } = context;
  if (gpu) {
    await deps.providers
      .get(gpu.provider)
      ?.terminate(gpu.machineId)
      .catch((error) =>
        log.warn({ err: error, machine_id: gpu.machineId }, 'gpu_terminate_failed'),
      );
    await recordUnusedMachine(deps.db, context.rental.id, gpuOnRental(gpu), deps.clock.now());
  }
  const abandoned = Array.isArray(context.step.output.abandoned)
    ? context.step.output.abandoned
    : [];
  await context.record({
    generation: generation + 1,
    generationFromAttempt: context.step.attempts + 1,
    abandoned: [...abandoned, { generation, machineId: gpu?.machineId ?? null, reason }],
  });
  await setRestoring(context, false);
  log.warn({ generation, reason }, 'restore_attempt_abandoned');
  return {
    state: 'waiting',
    outcome: `Restore attempt ${generation} gave up (${reason}); waiting for another GPU`,
  };
}

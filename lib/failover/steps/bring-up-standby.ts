import { eq } from 'drizzle-orm';
import { restoreResult } from '@/agent/core/protocol';
import { machineAgents } from '@/db/schema';
import { findStandbyProvider, standbyTypes } from '@/lib/providers/standby';
import { awaitAgentCommand, queueAgentCommand } from '../agents/agent-commands';
import { agentBootEnv, attachMachine, prepareMachineAgent } from '../agents/prepare-machine-agent';
import { confirmRestore } from '../checkpoints';
import { sleep, type StepContext, type StepDefinition } from '../run/failover-deps';
import { switchToStandby } from '../switch-machines';
import { megabytes, requireStore, updateRun, whileMachineLives } from './step-helpers';

const RESTORE_TIMEOUT_MS = 15 * 60_000;

/**
 * Waits for a machine to run and its agent to call in (used when there is no checkpoint to
 * restore onto it): a standby serves once something on it can checkpoint the work.
 */
async function waitUntilServing(
  context: StepContext,
  provider: string,
  machineId: string,
  agentId: string,
) {
  const { deps, run, signal } = context;
  const lives = whileMachineLives(deps, run.rentalId, provider, machineId, 0);
  const until = Date.now() + RESTORE_TIMEOUT_MS;
  let checked = 0;
  while (Date.now() < until) {
    const [agent] = await deps.db
      .select({ lastSeenAt: machineAgents.lastSeenAt })
      .from(machineAgents)
      .where(eq(machineAgents.id, agentId));
    if (agent?.lastSeenAt) return;
    if (Date.now() - checked >= 2_000) {
      checked = Date.now();
      if (!(await lives())) throw new Error('the standby stopped before its agent started');
    }
    await sleep(500, signal);
  }
  throw new Error('the standby did not start in time');
}

/**
 * Standby: a CPU machine of the chosen type (one per run: the provider call carries the run's
 * idempotency key), the workspace restored onto it and verified file by file, then the rental
 * switched over to it and the interrupted GPU let go.
 */
export const standbyStep: StepDefinition = {
  name: 'standby',
  maxAttempts: 5,
  async run(context) {
    const { deps, run, rental, settings, log } = context;
    const provider = findStandbyProvider(deps.providers);
    if (!provider) throw new Error('No provider offering CPU standbys is switched on');

    // With no checkpoint to restore, the standby holds the (empty) work from boot, as a rental's
    // first GPU does: it takes interval checkpoints and can hand over to a restored GPU.
    const agent = await prepareMachineAgent(deps.db, {
      bootKey: `${run.id}:standby`,
      rentalId: rental.id,
      role: run.checkpointKey ? 'standby' : 'primary',
      provider: provider.name,
    });
    const standby = await provider.provisionStandby({
      machineType: settings.standbyType,
      idempotencyKey: `failover:${run.id}:standby`,
      region: rental.region,
      bootEnv: agentBootEnv(agent, deps.controlUrl),
    });
    await attachMachine(deps.db, agent.id, provider.name, standby.machineId);
    await updateRun(deps, run.id, { standbyMachineId: standby.machineId });
    // Its cost runs from the first provisioning, also when a resumed attempt gets it back.
    const provisionedAt = String(
      context.step.output.provisionedAt ?? deps.clock.now().toISOString(),
    );
    await context.record({
      provisionedAt,
      standbyMachineId: standby.machineId,
      standbyAgentId: agent.id,
      machineType: standby.machineType,
      pricePerHour: standby.pricePerHour,
    });
    log.info(
      { machine_id: standby.machineId, machine_type: standby.machineType },
      'standby_provisioned',
    );

    let restored: { files: number; bytes: number; downloadedBytes: number } | null = null;
    if (run.checkpointKey && run.checkpointSeq) {
      const store = requireStore(deps);
      const command = await queueAgentCommand(deps.db, {
        key: `${run.id}:standby-restore`,
        agentId: agent.id,
        runId: run.id,
        kind: 'restore',
        args: { manifestKey: run.checkpointKey, seq: run.checkpointSeq },
      });
      await context.record({ restoreCommandId: command.id });
      const done = await awaitAgentCommand(deps.db, command.key, {
        until: new Date(Date.now() + RESTORE_TIMEOUT_MS),
        signal: context.signal,
        watch: whileMachineLives(deps, run.rentalId, provider.name, standby.machineId, 0),
      });
      if (!done) throw new Error('the standby stopped before its workspace was restored');
      if (done.state === 'failed')
        throw new Error(`restore onto the standby failed: ${done.error}`);
      const report = restoreResult.parse(done.result);
      await confirmRestore(store, report);
      restored = report;
      await context.record({
        files: report.files,
        bytes: report.bytes,
        downloadedBytes: report.downloadedBytes,
        verified: true,
      });
      log.info(
        { machine_id: standby.machineId, files: report.files, bytes: report.bytes },
        'standby_workspace_restored',
      );
    } else {
      await waitUntilServing(context, provider.name, standby.machineId, agent.id);
    }

    const now = deps.clock.now();
    await switchToStandby(
      deps.db,
      run,
      rental,
      {
        provider: provider.name,
        machineId: standby.machineId,
        kind: 'standby',
        machineType: standby.machineType,
        offerId: null,
        pricePerHour: standby.pricePerHour,
        startedAt: new Date(provisionedAt),
      },
      now,
    );
    log.info({ machine_id: standby.machineId }, 'standby_serving');

    // The GPU is going anyway; stopping it now ends its cost. Terminating twice is harmless.
    await deps.providers
      .get(run.gpuProvider)
      ?.terminate(run.gpuMachineId)
      .catch((error) =>
        log.warn({ err: error, machine_id: run.gpuMachineId }, 'gpu_terminate_failed'),
      );

    const type = standbyTypes[standby.machineType];
    return {
      state: 'succeeded',
      outcome: restored
        ? `${type.label} serving, ${restored.files} files (${megabytes(restored.bytes)}) restored and verified`
        : `${type.label} serving with an empty workspace`,
    };
  },
};

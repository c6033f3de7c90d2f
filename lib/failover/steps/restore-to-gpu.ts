import { eq } from 'drizzle-orm';
import { rentals } from '@/db/schema';
import { formatPrice, withArticle } from '@/lib/client/format';
import { isGone } from '@/lib/providers/types';
import { findRestoreOffer } from '../find-restore-offer';
import type { StepContext, StepDefinition, StepResult } from '../run/failover-deps';
import { switchToGpu } from '../switch-machines';
import {
  abandonGeneration,
  findStandbyAgent,
  gpuOnRental,
  handOver,
  restoreOntoGpu,
  setRestoring,
  type RentedGpu,
} from './restore-parts';
import { megabytes } from './step-helpers';
import { idempotentProviders, rentGpu } from './rent-restore-gpu';

/** Attempts in a row one GPU gets before the run lets it go and waits for another. */
const ATTEMPTS_PER_GPU = 3;
/** GPUs rented for one restore before the run stops trying; the standby keeps the work. */
const GPUS_PER_RESTORE = 5;

const generationOf = (context: Pick<StepContext, 'step'>) =>
  Number(context.step.output.generation ?? 1);

const rentedGpuOf = (context: Pick<StepContext, 'step'>): RentedGpu | null => {
  const gpu = context.step.output.gpu as RentedGpu | undefined;
  return gpu && gpu.generation === generationOf(context) ? gpu : null;
};

/**
 * Restore: when a GPU of the same model is offered at or below the user's bound, rent it, take
 * the standby's hand-over checkpoint, restore and verify it on the GPU, switch the rental over,
 * let the standby go and tell the user. Every side effect carries the run and generation in its
 * key, so a resumed attempt finds what the last one did instead of doing it again.
 */
export const restoreStep: StepDefinition = {
  name: 'restore',
  maxAttempts: 1_000,
  async ready(context) {
    const { deps, run, rental, settings } = context;
    if (rentedGpuOf(context) || run.state === 'restoring') return { ready: true };
    if (!settings.autoRestore)
      return { ready: false, outcome: 'Automatic restore is off; the standby keeps the work' };
    const offer = await findRestoreOffer(
      deps.db,
      rental,
      settings.restoreBoundPerGpuHour,
      idempotentProviders(context),
    );
    if (offer) return { ready: true };
    return {
      ready: false,
      outcome: `Waiting for ${withArticle(rental.gpuModel)} at or below ${formatPrice(settings.restoreBoundPerGpuHour)}/GPU-hour`,
    };
  },
  async run(context) {
    const { deps, run, rental, log } = context;
    const generation = generationOf(context);
    const gpu = rentedGpuOf(context) ?? (await rentGpu(context, generation));
    if ('state' in gpu) return gpu;

    const checkpoint = await handOver(context, generation);
    await context.record({
      handover: {
        manifestKey: checkpoint.manifestKey,
        seq: checkpoint.seq,
        uploadedBytes: checkpoint.uploadedBytes,
      },
    });
    log.info(
      { seq: checkpoint.seq, manifest_key: checkpoint.manifestKey },
      'handover_checkpoint_done',
    );

    const restored = await restoreOntoGpu(context, gpu, checkpoint);
    await context.record({
      files: restored.files,
      bytes: restored.bytes,
      downloadedBytes: restored.downloadedBytes,
      verified: true,
    });
    log.info({ machine_id: gpu.machineId, files: restored.files }, 'gpu_workspace_restored');

    const now = deps.clock.now();
    await switchToGpu(deps.db, run, rental, gpuOnRental(gpu), now);
    log.info({ machine_id: gpu.machineId }, 'rental_switched_over');

    const standby = await findStandbyAgent(context);
    if (standby?.provider && run.standbyMachineId) {
      await deps.providers.get(standby.provider)?.terminate(run.standbyMachineId);
      await context.record({ standbyTerminated: run.standbyMachineId });
      log.info({ machine_id: run.standbyMachineId }, 'standby_terminated');
    }

    const settings = context.settings;
    await deps.notifier.notify(deps.db, {
      userId: rental.userId,
      rentalId: rental.id,
      dedupeKey: `failover:${run.id}:restored`,
      channels: settings.channels,
      title: `Your ${rental.gpuModel} work is back on a GPU`,
      body: `Your workspace (${restored.files} files, ${megabytes(restored.bytes)}) now runs on ${withArticle(rental.gpuModel)} at ${formatPrice(gpu.pricePerHour)}/h. The standby was stopped.`,
      link: `${deps.appUrl}/machines/${rental.id}`,
      now,
    });
    log.info({ channels: settings.channels }, 'notifications_queued');

    return {
      state: 'succeeded',
      outcome: `Restored onto ${gpu.machineType} ${gpu.machineId} (${restored.files} files verified)`,
    };
  },
  async onError(context, error) {
    const gpu = rentedGpuOf(context);
    const [rental] = await context.deps.db
      .select()
      .from(rentals)
      .where(eq(rentals.id, context.rental.id));
    if (rental?.state === 'running') return null; // switched over already: finish the step
    const from = Number(context.step.output.generationFromAttempt ?? 1);
    const adapter = gpu ? context.deps.providers.get(gpu.provider) : null;
    const state = gpu ? await adapter?.getMachine(gpu.machineId).catch(() => null) : null;
    const gone = isGone(state?.status);
    if (!gone && context.step.attempts - from + 1 < ATTEMPTS_PER_GPU) return null;
    const generation = generationOf(context);
    const reason = gone ? `the GPU is ${state?.status}` : error.message;
    const abandoned = await abandonGeneration(context, gpu, generation, reason);
    if (generation < GPUS_PER_RESTORE) return abandoned;
    return {
      state: 'failed',
      outcome: `Gave up after ${generation} GPUs (the last: ${reason}); the standby keeps the work`,
    };
  },
};

import { ProviderError } from '@/lib/providers/types';
import { agentBootEnv, attachMachine, prepareMachineAgent } from '../agents/prepare-machine-agent';
import { findRestoreOffer } from '../find-restore-offer';
import type { StepContext, StepResult } from '../run/failover-deps';
import { setRestoring, type RentedGpu } from './restore-parts';
import { updateRun } from './step-helpers';

/** Providers failover may rent from: those whose `rent` honours an idempotency key. */
export const idempotentProviders = (context: Pick<StepContext, 'deps'>) =>
  [...context.deps.providers.values()]
    .filter((adapter) => adapter.idempotentRent)
    .map((adapter) => adapter.name);

/** Rents the GPU for this generation; renting again with the generation's key answers the same one. */
export async function rentGpu(
  context: StepContext,
  generation: number,
): Promise<RentedGpu | StepResult> {
  const { deps, run, rental, settings, log } = context;
  const offer = await findRestoreOffer(
    deps.db,
    rental,
    settings.restoreBoundPerGpuHour,
    idempotentProviders(context),
  );
  if (!offer) {
    await setRestoring(context, false);
    return {
      state: 'waiting',
      outcome: 'The offer went before it could be rented; waiting for another',
    };
  }
  await setRestoring(context, true);
  const adapter = deps.providers.get(offer.provider)!;
  const agent = await prepareMachineAgent(deps.db, {
    bootKey: `${run.id}:restore:${generation}`,
    rentalId: rental.id,
    role: 'restore-target',
    provider: offer.provider,
  });
  try {
    const rented = await adapter.rent({
      offerExternalId: offer.externalId,
      maxPricePerHour: settings.restoreBoundPerGpuHour * rental.gpuCount,
      idempotencyKey: `failover:${run.id}:restore:${generation}`,
      bootEnv: agentBootEnv(agent, deps.controlUrl),
    });
    await attachMachine(deps.db, agent.id, offer.provider, rented.machineId);
    const gpu: RentedGpu = {
      generation,
      provider: offer.provider,
      machineId: rented.machineId,
      agentId: agent.id,
      offerId: offer.id,
      pricePerHour: rented.pricePerHour,
      machineType: `${rental.gpuCount}x ${rental.gpuModel}`,
      rentedAt: deps.clock.now().toISOString(),
    };
    await updateRun(deps, run.id, { restoreMachineId: gpu.machineId });
    await context.record({ gpu });
    log.info(
      { machine_id: gpu.machineId, price_per_hour: gpu.pricePerHour, generation },
      'restore_gpu_rented',
    );
    return gpu;
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== 'rejected') throw error;
    await setRestoring(context, false);
    return {
      state: 'waiting',
      outcome: `The provider refused the GPU (${error.message}); waiting for another`,
    };
  }
}

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { offers, rentalMachines, rentals } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { conflict, DomainError, notFound } from '@/lib/errors';
import {
  agentBootEnv,
  attachMachine,
  prepareMachineAgent,
} from '@/lib/failover/agents/prepare-machine-agent';
import { logger } from '@/lib/logger';
import { providerName } from '@/lib/providers/provider-names';
import { ProviderError, type ProviderAdapter } from '@/lib/providers/types';
import { loadRentalView, type RentalView } from './rental-view';

export const createRentalInput = z.strictObject({
  offerId: z.uuid({ message: 'must be an offer id' }),
  /** The whole machine's spot price per hour the user saw and confirmed. */
  confirmedPricePerHour: z.number().positive().max(1_000),
});
export type CreateRentalInput = z.infer<typeof createRentalInput>;

export interface RentalDeps {
  db: Db;
  clock: Clock;
  providers: Map<string, ProviderAdapter>;
  /** Where the machine's agent calls back; without it the machine boots with no agent. */
  agentControlUrl?: string;
}

/**
 * Rents an offer at the provider for the user. The rental row is written first (provisioning),
 * so a machine the provider hands out is never lost track of; a refusal ends it with the reason.
 */
export async function createRental(
  deps: RentalDeps,
  userId: string,
  input: CreateRentalInput,
): Promise<RentalView> {
  const { db, clock } = deps;
  const [offer] = await db.select().from(offers).where(eq(offers.id, input.offerId));
  if (!offer) throw notFound('Offer');
  if (!offer.available)
    throw conflict('This offer is no longer available', { reason: 'offer_unavailable' });
  const adapter = deps.providers.get(offer.provider);
  if (!adapter) {
    throw conflict(`Renting on ${providerName(offer.provider)} is not set up on this server`, {
      reason: 'provider_not_connected',
    });
  }
  if (offer.spotPricePerHour > input.confirmedPricePerHour + 1e-9) {
    throw conflict('The price moved above the one you confirmed', {
      reason: 'price_moved',
      currentPricePerHour: offer.spotPricePerHour,
    });
  }

  const [rental] = await db
    .insert(rentals)
    .values({
      userId,
      offerId: offer.id,
      provider: offer.provider,
      gpuModel: offer.gpuModel,
      gpuCount: offer.gpuCount,
      region: offer.region,
      location: offer.location,
      spotPricePerHour: offer.spotPricePerHour,
      onDemandPricePerHour: offer.onDemandPricePerHour,
      state: 'provisioning',
      createdAt: clock.now(),
    })
    .returning();

  try {
    // The machine's agent (checkpoints, notices) gets its identity at boot.
    const agent = deps.agentControlUrl
      ? await prepareMachineAgent(db, {
          bootKey: `rental:${rental!.id}:gpu`,
          rentalId: rental!.id,
          role: 'primary',
          provider: offer.provider,
        })
      : null;
    const machine = await adapter.rent({
      offerExternalId: offer.externalId,
      maxPricePerHour: input.confirmedPricePerHour,
      idempotencyKey: `rental:${rental!.id}:gpu`,
      bootEnv: agent ? agentBootEnv(agent, deps.agentControlUrl!) : undefined,
    });
    if (agent) await attachMachine(db, agent.id, offer.provider, machine.machineId);
    await db.transaction(async (tx) => {
      await tx.insert(rentalMachines).values({
        rentalId: rental!.id,
        kind: 'gpu',
        provider: offer.provider,
        machineId: machine.machineId,
        machineType: `${offer.gpuCount}x ${offer.gpuModel}`,
        offerId: offer.id,
        pricePerHour: machine.pricePerHour,
        startedAt: clock.now(),
      });
      await tx
        .update(rentals)
        .set({ spotPricePerHour: machine.pricePerHour })
        .where(eq(rentals.id, rental!.id));
    });
    logger.info(
      { rental_id: rental!.id, provider: offer.provider, machine_id: machine.machineId },
      'rental_created',
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db
      .update(rentals)
      .set({ state: 'terminated', endedAt: clock.now(), lastError: reason.slice(0, 500) })
      .where(eq(rentals.id, rental!.id));
    logger.warn(
      { rental_id: rental!.id, provider: offer.provider, error: reason },
      'rental_refused',
    );
    if (error instanceof ProviderError && error.kind === 'rejected') {
      throw conflict(`The provider refused the rental: ${error.message}`, {
        reason: 'provider_refused',
      });
    }
    throw new DomainError('unavailable', 'The provider could not be reached; nothing was rented');
  }

  const [saved] = await db.select().from(rentals).where(eq(rentals.id, rental!.id));
  return loadRentalView(db, saved!, clock.now());
}

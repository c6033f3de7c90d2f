import { and, eq, isNull } from 'drizzle-orm';
import { rentalMachines, rentals } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import type { RentalDeps } from './create-rental';
import { findRental } from './list-rentals';
import { loadRentalView, type RentalView } from './rental-view';

/**
 * Stops every machine still carrying the rental and ends it. Terminating twice is harmless:
 * the provider call is idempotent and an ended rental is answered as it is.
 */
export async function terminateRental(deps: RentalDeps, userId: string, rentalId: string): Promise<RentalView> {
  const { db, clock } = deps;
  const rental = await findRental(db, userId, rentalId);
  if (rental.state === 'terminated') return loadRentalView(db, rental, clock.now());

  const live = await db
    .select()
    .from(rentalMachines)
    .where(and(eq(rentalMachines.rentalId, rental.id), isNull(rentalMachines.endedAt)));

  for (const machine of live) {
    const adapter = deps.providers.get(machine.provider);
    if (!adapter || !machine.machineId) continue;
    try {
      await adapter.terminate(machine.machineId);
    } catch (error) {
      logger.warn({ rental_id: rental.id, machine_id: machine.machineId, err: error }, 'terminate_failed');
      throw new DomainError('unavailable', 'The provider did not confirm the machine stopped; try again');
    }
  }

  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(rentalMachines)
      .set({ endedAt: now })
      .where(and(eq(rentalMachines.rentalId, rental.id), isNull(rentalMachines.endedAt)));
    await tx.update(rentals).set({ state: 'terminated', endedAt: now }).where(eq(rentals.id, rental.id));
  });
  logger.info({ rental_id: rental.id }, 'rental_terminated');

  const [saved] = await db.select().from(rentals).where(eq(rentals.id, rental.id));
  return loadRentalView(db, saved!, now);
}

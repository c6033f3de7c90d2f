import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rentals } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { loadRentalView, loadRentalViews, type RentalView } from './rental-view';

export async function listRentals(db: Db, userId: string, now: Date): Promise<RentalView[]> {
  const rows = await db
    .select()
    .from(rentals)
    .where(eq(rentals.userId, userId))
    .orderBy(desc(rentals.createdAt))
    .limit(500);
  return loadRentalViews(db, rows, now);
}

/** One of the user's rentals; another user's id is simply not found. */
export async function findRental(db: Db, userId: string, rentalId: string) {
  const [rental] = await db
    .select()
    .from(rentals)
    .where(and(eq(rentals.id, rentalId), eq(rentals.userId, userId)));
  if (!rental) throw notFound('Rental');
  return rental;
}

export async function getRental(db: Db, userId: string, rentalId: string, now: Date): Promise<RentalView> {
  return loadRentalView(db, await findRental(db, userId, rentalId), now);
}

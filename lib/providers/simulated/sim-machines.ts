import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { simMachines } from '@/db/schema';

type NewMachine = typeof simMachines.$inferInsert;
type Machine = typeof simMachines.$inferSelect;

/**
 * Creates a simulated machine once per idempotency key: a second call with the same key (a
 * retry after a crash, a second worker) answers the machine the first one made.
 */
export async function insertMachineOnce(db: Db, machine: NewMachine): Promise<Machine> {
  if (!machine.idempotencyKey) {
    const [created] = await db.insert(simMachines).values(machine).returning();
    return created!;
  }
  const [created] = await db
    .insert(simMachines)
    .values(machine)
    .onConflictDoNothing({ target: simMachines.idempotencyKey })
    .returning();
  if (created) return created;
  const [existing] = await db
    .select()
    .from(simMachines)
    .where(eq(simMachines.idempotencyKey, machine.idempotencyKey));
  return existing!;
}

export async function findMachineByKey(db: Db, idempotencyKey: string): Promise<Machine | null> {
  const [existing] = await db
    .select()
    .from(simMachines)
    .where(eq(simMachines.idempotencyKey, idempotencyKey));
  return existing ?? null;
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { simMachines } from '@/db/schema';
import { standbyTypes, type StandbyRequest, type StandbyResult } from '../standby';
import type { RentResult } from '../types';

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

/** The machine an earlier `rent` with this key made, answered again. */
export async function rentedEarlier(db: Db, idempotencyKey?: string): Promise<RentResult | null> {
  if (!idempotencyKey) return null;
  const existing = await findMachineByKey(db, idempotencyKey);
  if (!existing) return null;
  return {
    machineId: existing.id,
    pricePerHour: existing.pricePerHour ?? 0,
    offerExternalId: existing.offerExternalId ?? undefined,
  };
}

const STANDBY_PROVISIONING_MS = 2_000;

/** A simulated CPU standby, once per idempotency key; up a couple of seconds after the call. */
export async function insertStandbyOnce(
  db: Db,
  now: Date,
  request: StandbyRequest,
): Promise<StandbyResult> {
  const type = standbyTypes[request.machineType];
  const machine = await insertMachineOnce(db, {
    id: `sim-standby-${randomUUID()}`,
    kind: 'standby',
    machineType: type.id,
    idempotencyKey: request.idempotencyKey,
    pricePerHour: type.pricePerHour,
    bootEnv: request.bootEnv,
    createdAt: now,
    runningAt: new Date(now.getTime() + STANDBY_PROVISIONING_MS),
  });
  return {
    machineId: machine.id,
    machineType: machine.machineType as StandbyResult['machineType'],
    pricePerHour: machine.pricePerHour ?? type.pricePerHour,
  };
}

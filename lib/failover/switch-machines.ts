import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { failoverRuns, rentalMachines, rentals } from '@/db/schema';
import type { RentalRow, RunRow } from './run/failover-deps';

export interface MachineOnRental {
  provider: string;
  machineId: string;
  kind: 'gpu' | 'standby';
  machineType: string;
  offerId: string | null;
  pricePerHour: number;
  startedAt: Date;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Adds the machine to the rental's history unless it is there already (a resumed switch). */
async function addMachineOnce(tx: Tx, rentalId: string, machine: MachineOnRental) {
  await tx.execute(sql`
    insert into ${rentalMachines} (rental_id, kind, provider, machine_id, machine_type, offer_id, price_per_hour, started_at)
    select ${rentalId}, ${machine.kind}, ${machine.provider}, ${machine.machineId}, ${machine.machineType},
           ${machine.offerId}, ${machine.pricePerHour}, ${machine.startedAt.toISOString()}::timestamptz
    where not exists (
      select 1 from ${rentalMachines}
      where rental_id = ${rentalId} and provider = ${machine.provider} and machine_id = ${machine.machineId})`);
}

async function endMachine(
  tx: Tx,
  rentalId: string,
  provider: string,
  machineId: string,
  at: Date,
  interruptedAt: Date | null,
) {
  await tx
    .update(rentalMachines)
    .set({ endedAt: at, interruptedAt })
    .where(
      and(
        eq(rentalMachines.rentalId, rentalId),
        eq(rentalMachines.provider, provider),
        eq(rentalMachines.machineId, machineId),
        isNull(rentalMachines.endedAt),
      ),
    );
}

/** The standby now carries the work: the GPU's time ends, the standby's begins, in one step. */
export async function switchToStandby(
  db: Db,
  run: RunRow,
  rental: RentalRow,
  standby: MachineOnRental,
  now: Date,
) {
  await db.transaction(async (tx) => {
    // The GPU is billed until the provider took it back, or until now if it still runs.
    const interrupted = run.interruptAt && run.interruptAt <= now ? run.interruptAt : null;
    const gpuEnd = interrupted ?? now;
    await endMachine(tx, rental.id, run.gpuProvider, run.gpuMachineId, gpuEnd, gpuEnd);
    await addMachineOnce(tx, rental.id, standby);
    await tx
      .update(rentals)
      .set({
        state: 'on_standby',
        interruptedAt: sql`coalesce(${rentals.interruptedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(
        and(
          eq(rentals.id, rental.id),
          inArray(rentals.state, ['provisioning', 'running', 'interrupted']),
        ),
      );
    await tx
      .update(failoverRuns)
      .set({
        standbyServingAt: sql`coalesce(${failoverRuns.standbyServingAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(failoverRuns.id, run.id));
  });
}

/** The restored GPU carries the work again: the standby's time ends, the GPU's begins. */
export async function switchToGpu(
  db: Db,
  run: RunRow,
  rental: RentalRow,
  gpu: MachineOnRental,
  now: Date,
) {
  await db.transaction(async (tx) => {
    if (run.standbyMachineId) {
      const standby = await tx
        .select({ provider: rentalMachines.provider })
        .from(rentalMachines)
        .where(
          and(
            eq(rentalMachines.rentalId, rental.id),
            eq(rentalMachines.machineId, run.standbyMachineId),
          ),
        );
      if (standby[0])
        await endMachine(tx, rental.id, standby[0].provider, run.standbyMachineId, now, null);
    }
    await addMachineOnce(tx, rental.id, gpu);
    await tx
      .update(rentals)
      // The notice was the old GPU's: the new one has had none, and its own is recorded afresh.
      .set({ state: 'running', lastError: null, noticeAt: null })
      .where(and(eq(rentals.id, rental.id), inArray(rentals.state, ['on_standby', 'restoring'])));
  });
}

/**
 * A machine a run brought up that never carried the work (a GPU rented for a restore, a standby
 * the user terminated before it served) still ran, and is billed: it goes on the rental's
 * history, ended (once, whichever path lets it go first).
 */
export async function recordUnusedMachine(
  db: Db,
  rentalId: string,
  machine: MachineOnRental,
  endedAt: Date,
) {
  await db.transaction(async (tx) => {
    await addMachineOnce(tx, rentalId, machine);
    await endMachine(tx, rentalId, machine.provider, machine.machineId, endedAt, null);
  });
}

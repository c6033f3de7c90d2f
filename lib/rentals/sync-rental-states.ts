import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rentalMachines, rentals } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { detectInterruption, type DetectDeps } from '@/lib/failover/detect-interruption';
import type { WakeRun } from '@/lib/failover/run/wake-run';
import type { Logger } from '@/lib/logger';
import { isGone, type MachineState, type ProviderAdapter } from '@/lib/providers/types';

export interface SyncDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  providers: Map<string, ProviderAdapter>;
  /** Set in workers: a notice or interruption on a rental with failover on starts a run. */
  wake?: WakeRun;
  /** Set in workers: users of rentals without failover are told their GPU is going. */
  warn?: DetectDeps['warn'];
}

type RentalRow = typeof rentals.$inferSelect;
type MachineRow = typeof rentalMachines.$inferSelect;

/** Rentals in one of `states` with the machine of `kind` carrying them now (not ended). */
export function liveMachines(db: Db, states: RentalRow['state'][], kind: MachineRow['kind']) {
  return db
    .select({ rental: rentals, machine: rentalMachines })
    .from(rentals)
    .innerJoin(
      rentalMachines,
      and(eq(rentalMachines.rentalId, rentals.id), isNull(rentalMachines.endedAt)),
    )
    .where(and(inArray(rentals.state, states), eq(rentalMachines.kind, kind)));
}

/** The machine's state at its provider; null (logged) when the provider cannot say now. */
export async function machineStateAt(
  deps: Pick<SyncDeps, 'providers' | 'logger'>,
  rental: RentalRow,
  machine: MachineRow,
): Promise<MachineState | null> {
  const adapter = deps.providers.get(machine.provider);
  if (!adapter || !machine.machineId) return null;
  try {
    return await adapter.getMachine(machine.machineId);
  } catch (error) {
    deps.logger.warn(
      { rental_id: rental.id, provider: machine.provider, err: error },
      'machine_state_failed',
    );
    return null;
  }
}

/**
 * Follows every live GPU rental at its provider: provisioning becomes running, a notice is
 * recorded, an interruption or a provider-side stop ends the rental. With failover on, a notice
 * or an interruption starts a failover run instead (the fallback when the agent's webhook did
 * not arrive). Each update is guarded by
 * the state it expects, so two workers doing this at once write each change once.
 */
export async function syncRentalStates(deps: SyncDeps): Promise<number> {
  const gpus = await liveMachines(deps.db, ['provisioning', 'running'], 'gpu');
  let changed = 0;
  for (const { rental, machine } of gpus) {
    const state = await machineStateAt(deps, rental, machine);
    if (state && (await applyMachineState(deps, rental, machine, state))) changed++;
  }
  return changed;
}

export async function applyMachineState(
  deps: SyncDeps,
  rental: RentalRow,
  machine: MachineRow,
  state: MachineState,
): Promise<boolean> {
  const { db } = deps;
  const now = deps.clock.now();

  if ((state.status === 'interrupting' || state.status === 'interrupted') && deps.wake) {
    const detected = await detectInterruption(
      { db, clock: deps.clock, logger: deps.logger, wake: deps.wake, warn: deps.warn },
      {
        provider: machine.provider,
        machineId: machine.machineId!,
        via: 'polling',
        source: machine.provider,
        noticeAt: state.noticeAt ?? state.interruptAt ?? now,
        interruptAt: state.interruptAt,
      },
    );
    if (detected) return detected.created;
  }

  if (state.status === 'running' && rental.state === 'provisioning') {
    const result = await db
      .update(rentals)
      .set({ state: 'running', startedAt: now })
      .where(and(eq(rentals.id, rental.id), eq(rentals.state, 'provisioning')));
    return (result.rowCount ?? 0) > 0;
  }

  if (state.status === 'interrupting' && !rental.noticeAt) {
    const result = await db
      .update(rentals)
      .set({
        noticeAt: state.noticeAt ?? now,
        startedAt: rental.startedAt ?? now,
        state: 'running',
      })
      .where(and(eq(rentals.id, rental.id), isNull(rentals.noticeAt)));
    deps.logger.info(
      { rental_id: rental.id, interrupt_at: state.interruptAt },
      'interruption_notice',
    );
    return (result.rowCount ?? 0) > 0;
  }

  if (isGone(state.status)) {
    const endedAt = state.status === 'interrupted' ? (state.interruptAt ?? now) : now;
    return db.transaction(async (tx) => {
      const result = await tx
        .update(rentals)
        .set(
          state.status === 'interrupted'
            ? {
                state: 'interrupted',
                interruptedAt: endedAt,
                endedAt,
                noticeAt: rental.noticeAt ?? state.noticeAt,
              }
            : { state: 'terminated', endedAt, lastError: 'The provider stopped the machine' },
        )
        .where(and(eq(rentals.id, rental.id), inArray(rentals.state, ['provisioning', 'running'])));
      if ((result.rowCount ?? 0) === 0) return false;
      await tx
        .update(rentalMachines)
        .set({ endedAt, interruptedAt: state.status === 'interrupted' ? endedAt : null })
        .where(and(eq(rentalMachines.id, machine.id), isNull(rentalMachines.endedAt)));
      deps.logger.info({ rental_id: rental.id, status: state.status }, 'rental_machine_ended');
      return true;
    });
  }
  return false;
}

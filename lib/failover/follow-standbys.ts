import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { activeRunStates, failoverRuns, rentalMachines, rentals } from '@/db/schema';
import { isGone } from '@/lib/providers/types';
import { releaseRunMachines } from './run/end-run';
import { liveMachines, machineStateAt, type SyncDeps } from '@/lib/rentals/sync-rental-states';

const LOST =
  'The standby machine was lost at the provider; your data up to its last checkpoint is kept in R2';

/**
 * Follows the CPU standbys carrying rentals at their providers. A standby the provider no
 * longer runs is not billed from then on: its record ends, the rental ends as interrupted with
 * the reason, and its failover run ends failed rather than waiting on a machine that is gone.
 */
export async function followStandbys(deps: SyncDeps): Promise<number> {
  const standbys = await liveMachines(deps.db, ['on_standby', 'restoring'], 'standby');
  let lost = 0;
  for (const { rental, machine } of standbys) {
    const state = await machineStateAt(deps, rental, machine);
    if (!state || !isGone(state.status)) continue;

    const now = deps.clock.now();
    const [run] = await deps.db
      .select()
      .from(failoverRuns)
      .where(
        and(eq(failoverRuns.rentalId, rental.id), inArray(failoverRuns.state, activeRunStates)),
      );
    const ended = await deps.db.transaction(async (tx) => {
      // A standby its run let go already (restored, or the user terminated) is not lost.
      const changed = await tx
        .update(rentals)
        .set({ state: 'interrupted', endedAt: now, lastError: LOST })
        .where(
          and(
            eq(rentals.id, rental.id),
            inArray(rentals.state, ['on_standby', 'restoring']),
            sql`exists (select 1 from ${rentalMachines} where ${rentalMachines.id} = ${machine.id} and ${rentalMachines.endedAt} is null)`,
          ),
        );
      if ((changed.rowCount ?? 0) === 0) return false;
      await tx
        .update(rentalMachines)
        .set({ endedAt: now })
        .where(and(eq(rentalMachines.id, machine.id), isNull(rentalMachines.endedAt)));
      await tx
        .update(failoverRuns)
        .set({ state: 'failed', error: LOST, finishedAt: now })
        .where(
          and(eq(failoverRuns.rentalId, rental.id), inArray(failoverRuns.state, activeRunStates)),
        );
      return true;
    });
    if (ended) {
      // A GPU the run had rented to restore onto has nothing left to restore.
      if (run) await releaseRunMachines(deps, run, now);
      lost++;
      deps.logger.warn({ rental_id: rental.id, machine_id: machine.machineId }, 'standby_lost');
    }
  }
  return lost;
}

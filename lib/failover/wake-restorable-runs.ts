import { eq } from 'drizzle-orm';
import { failoverRuns, rentals } from '@/db/schema';
import { findRestoreOffer } from './find-restore-offer';
import type { FailoverDeps } from './run/failover-deps';
import { settingsForRental } from './settings/manage-failover-settings';

/**
 * After each market poll: wakes every run on standby that can go back to a GPU now (automatic
 * restore on, an offer at or below its bound), and those whose rental the user has ended.
 */
export async function wakeRestorableRuns(deps: FailoverDeps): Promise<number> {
  const waiting = await deps.db
    .select({ run: failoverRuns, rental: rentals })
    .from(failoverRuns)
    .innerJoin(rentals, eq(rentals.id, failoverRuns.rentalId))
    .where(eq(failoverRuns.state, 'on_standby'));

  const providers = [...deps.providers.values()]
    .filter((adapter) => adapter.idempotentRent)
    .map((adapter) => adapter.name);
  let woken = 0;
  for (const { run, rental } of waiting) {
    let due = rental.state === 'terminated';
    if (!due) {
      const settings = await settingsForRental(deps.db, rental);
      due =
        settings.autoRestore &&
        (await findRestoreOffer(deps.db, rental, settings.restoreBoundPerGpuHour, providers)) !==
          null;
    }
    if (!due) continue;
    await deps.wake(run.id);
    woken++;
  }
  return woken;
}

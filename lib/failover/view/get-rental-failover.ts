import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { failoverCheckpoints, failoverRuns, failoverSteps } from '@/db/schema';
import type { Env } from '@/lib/env';
import { getProviders } from '@/lib/providers/app-providers';
import { standbyTypes, type StandbyType } from '@/lib/providers/standby';
import { findRental } from '@/lib/rentals/list-rentals';
import { loadRentalView, type RentalView } from '@/lib/rentals/rental-view';
import type { EffectiveSettings, FailoverOverride } from '../settings/failover-settings';
import { settingsForRental } from '../settings/manage-failover-settings';
import { simulationRefusal } from '../simulate-interruption';
import { toRunView, type FailoverRunView } from './run-view';

export type DisplayState = RentalView['state'] | 'restored';

export interface RentalFailoverView {
  rental: RentalView;
  /** The rental's state, with "restored" for a rental back on a GPU after a failover. */
  displayState: DisplayState;
  settings: EffectiveSettings;
  override: FailoverOverride | null;
  latestCheckpoint: {
    seq: number;
    takenAt: string;
    reason: string;
    files: number;
    bytes: number;
  } | null;
  standby: (StandbyType & { machineId: string | null; costSoFar: number }) | null;
  simulation: { allowed: boolean; reason: string | null };
  runs: FailoverRunView[];
}

/** Everything the rental page shows, for the rental's owner only. */
export async function getRentalFailover(
  db: Db,
  env: Env,
  userId: string,
  rentalId: string,
  now: Date,
): Promise<RentalFailoverView> {
  const rental = await findRental(db, userId, rentalId);
  const [view, settings, runs, [checkpoint]] = await Promise.all([
    loadRentalView(db, rental, now),
    settingsForRental(db, rental),
    db
      .select()
      .from(failoverRuns)
      .where(eq(failoverRuns.rentalId, rental.id))
      .orderBy(desc(failoverRuns.detectedAt))
      .limit(20),
    db
      .select()
      .from(failoverCheckpoints)
      .where(eq(failoverCheckpoints.rentalId, rental.id))
      .orderBy(desc(failoverCheckpoints.seq))
      .limit(1),
  ]);
  const steps = runs.length
    ? await db
        .select()
        .from(failoverSteps)
        .where(
          inArray(
            failoverSteps.runId,
            runs.map((run) => run.id),
          ),
        )
    : [];

  const liveStandby = view.machines.find(
    (machine) => machine.kind === 'standby' && !machine.endedAt,
  );
  const type = liveStandby?.machineType
    ? standbyTypes[liveStandby.machineType as keyof typeof standbyTypes]
    : null;
  const refusal =
    rental.provider === 'simulated'
      ? simulationRefusal(env, getProviders())
      : 'Only simulated machines';
  const restored = view.state === 'running' && runs[0]?.state === 'restored';

  return {
    rental: view,
    displayState: restored ? 'restored' : view.state,
    settings,
    override: (rental.failoverOverrides as FailoverOverride | null) ?? null,
    latestCheckpoint: checkpoint
      ? {
          seq: checkpoint.seq,
          takenAt: checkpoint.takenAt.toISOString(),
          reason: checkpoint.reason,
          files: checkpoint.files,
          bytes: checkpoint.bytes,
        }
      : null,
    standby: type
      ? { ...type, machineId: liveStandby!.machineId, costSoFar: view.cost.standby }
      : null,
    simulation: { allowed: refusal === null, reason: refusal },
    runs: runs.map((run) =>
      toRunView(
        run,
        steps.filter((step) => step.runId === run.id),
        now,
      ),
    ),
  };
}

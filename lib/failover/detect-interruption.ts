import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  failoverRuns,
  failoverStepNames,
  failoverSteps,
  rentalMachines,
  rentals,
} from '@/db/schema';
import { formatDuration } from '@/lib/client/format';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import type { FailoverNotifier } from './notify/failover-notifier';
import type { WakeRun } from './run/wake-run';
import type { FailoverChannel } from './settings/options';
import { settingsForRental } from './settings/manage-failover-settings';

export interface DetectDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  wake: WakeRun;
  /** Tells users without failover that their GPU is going; absent, the notice is only recorded. */
  warn?: { notifier: FailoverNotifier; appUrl: string };
}

export interface InterruptionSignal {
  provider: string;
  machineId: string;
  via: 'webhook' | 'polling';
  source: string;
  noticeAt: Date;
  interruptAt: Date | null;
}

type RunRow = typeof failoverRuns.$inferSelect;
type RentalRow = typeof rentals.$inferSelect;

/**
 * A rental without failover still deserves to hear its GPU is going, while there is time to save
 * work by hand: once per machine and channel (the key is written before anything is sent).
 */
async function warnWithoutFailover(
  deps: DetectDeps,
  rental: RentalRow,
  signal: InterruptionSignal,
  channels: readonly FailoverChannel[],
) {
  if (!deps.warn || channels.length === 0) return;
  const now = deps.clock.now();
  const gpu = `${rental.gpuCount > 1 ? `${rental.gpuCount}× ` : ''}${rental.gpuModel}`;
  const left = signal.interruptAt
    ? Math.round((signal.interruptAt.getTime() - now.getTime()) / 1000)
    : 0;
  const when = left > 0 ? `in about ${formatDuration(left)}` : 'now';
  const written = await deps.warn.notifier.notify(deps.db, {
    userId: rental.userId,
    rentalId: rental.id,
    dedupeKey: `interruption:${rental.id}:${signal.machineId}`,
    channels,
    title: `Your ${gpu} is being taken back`,
    body: `The provider takes back your ${gpu} in ${rental.location} ${when}. Automatic failover is off for it, so its work stops with the machine: save what you need now. With failover on, the work moves to a CPU standby with its data.`,
    link: `${deps.warn.appUrl}/machines/${rental.id}`,
    now,
  });
  if (written.length > 0) {
    deps.logger.info({ rental_id: rental.id, channels }, 'interruption_warning_queued');
  }
}

/**
 * Turns a notice into a failover run, once per interrupted GPU machine whichever way it arrives
 * first (the agent's webhook, provider polling) and however often: the run is inserted under a
 * unique key on the machine, with its steps, in the transaction that marks the rental interrupted.
 * Answers null when the machine is not a live GPU of a rental with failover on.
 */
export async function detectInterruption(
  deps: DetectDeps,
  signal: InterruptionSignal,
): Promise<{ run: RunRow; created: boolean } | null> {
  const { db } = deps;
  const [live] = await db
    .select({ rental: rentals, machine: rentalMachines })
    .from(rentalMachines)
    .innerJoin(rentals, eq(rentals.id, rentalMachines.rentalId))
    .where(
      and(
        eq(rentalMachines.provider, signal.provider),
        eq(rentalMachines.machineId, signal.machineId),
        eq(rentalMachines.kind, 'gpu'),
        isNull(rentalMachines.endedAt),
      ),
    );
  if (!live || !['provisioning', 'running', 'interrupted'].includes(live.rental.state)) return null;

  const { rental } = live;
  const settings = await settingsForRental(db, rental);
  if (!settings.enabled) {
    await db
      .update(rentals)
      .set({ noticeAt: signal.noticeAt })
      .where(and(eq(rentals.id, rental.id), isNull(rentals.noticeAt)));
    await warnWithoutFailover(deps, rental, signal, settings.channels);
    return null;
  }

  const now = deps.clock.now();
  const created = await db.transaction(async (tx) => {
    const [run] = await tx
      .insert(failoverRuns)
      .values({
        rentalId: rental.id,
        userId: rental.userId,
        gpuProvider: signal.provider,
        gpuMachineId: signal.machineId,
        detectedVia: signal.via,
        noticeAt: signal.noticeAt,
        interruptAt: signal.interruptAt,
        detectedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!run) return null;

    await tx.insert(failoverSteps).values(
      failoverStepNames.map((step) =>
        step === 'detect'
          ? {
              runId: run.id,
              step,
              state: 'succeeded' as const,
              attempts: 1,
              startedAt: now,
              lastAttemptAt: now,
              finishedAt: now,
              outcome: `Notice from ${signal.source} via ${signal.via}`,
              output: {
                via: signal.via,
                source: signal.source,
                noticeAt: signal.noticeAt,
                interruptAt: signal.interruptAt,
                gpuMachineId: signal.machineId,
              },
            }
          : { runId: run.id, step },
      ),
    );
    await tx
      .update(rentals)
      .set({ state: 'interrupted', noticeAt: signal.noticeAt, startedAt: rental.startedAt ?? now })
      .where(and(eq(rentals.id, rental.id), inArray(rentals.state, ['provisioning', 'running'])));
    return run;
  });

  if (created) {
    deps.logger.info(
      {
        rental_id: rental.id,
        run_id: created.id,
        via: signal.via,
        notice_ms: now.getTime() - signal.noticeAt.getTime(),
      },
      'failover_run_detected',
    );
    await deps.wake(created.id);
    return { run: created, created: true };
  }

  const [existing] = await db
    .select()
    .from(failoverRuns)
    .where(
      and(
        eq(failoverRuns.gpuProvider, signal.provider),
        eq(failoverRuns.gpuMachineId, signal.machineId),
      ),
    );
  return existing ? { run: existing, created: false } : null;
}

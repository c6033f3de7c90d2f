import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  failoverRuns,
  failoverStepNames,
  failoverSteps,
  rentalMachines,
  rentals,
} from '@/db/schema';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import type { WakeRun } from './run/wake-run';
import { settingsForRental } from './settings/manage-failover-settings';

export interface DetectDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  wake: WakeRun;
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

import type { ObjectStore } from '@/agent/core/object-store';
import type { Db } from '@/db/client';
import type { failoverRuns, failoverSteps, FailoverStepName, rentals } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import type { ProviderAdapter } from '@/lib/providers/types';
import type { FailoverNotifier } from '../notify/failover-notifier';
import type { EffectiveSettings } from '../settings/failover-settings';
import type { WakeRun } from './wake-run';

export type RunRow = typeof failoverRuns.$inferSelect;
export type StepRow = typeof failoverSteps.$inferSelect;
export type RentalRow = typeof rentals.$inferSelect;

/** What driving a run needs; the worker builds it once. */
export interface FailoverDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  providers: Map<string, ProviderAdapter>;
  /** R2 (or the stand-in); null when no object storage is configured. */
  store: ObjectStore | null;
  notifier: FailoverNotifier;
  /** Where machines' agents call back. */
  controlUrl: string;
  /** The app's public address, for links in messages. */
  appUrl: string;
  wake: WakeRun;
  workerId: string;
}

export interface StepContext {
  deps: FailoverDeps;
  run: RunRow;
  rental: RentalRow;
  settings: EffectiveSettings;
  step: StepRow;
  /** Aborted when the lease is lost: stop, another worker has the run. */
  signal: AbortSignal;
  log: Logger;
  /** Merges into the step's output right away (ids and keys as soon as they exist). */
  record(patch: Record<string, unknown>): Promise<void>;
}

export interface StepResult {
  state: 'succeeded' | 'waiting' | 'skipped';
  outcome: string;
}

export interface StepDefinition {
  name: FailoverStepName;
  /** For steps that wait on the world (a GPU offer): whether to start now, without an attempt. */
  ready?(
    context: Omit<StepContext, 'record'>,
  ): Promise<{ ready: true } | { ready: false; outcome: string }>;
  run(context: StepContext): Promise<StepResult>;
  /**
   * A failed attempt may send the step back to waiting instead of retrying it, or end it failed
   * before its attempts run out.
   */
  onError?(
    context: StepContext,
    error: Error,
  ): Promise<StepResult | { state: 'failed'; outcome: string } | null>;
  maxAttempts: number;
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });

import { failoverStepNames } from '@/db/schema';
import { standbyStep } from '../steps/bring-up-standby';
import { notifyStep } from '../steps/notify-user';
import { restoreStep } from '../steps/restore-to-gpu';
import { syncStep } from '../steps/sync-workspace';
import type { StepDefinition, StepRow } from './failover-deps';

const definitions: Record<string, StepDefinition> = {
  sync: syncStep,
  standby: standbyStep,
  notify: notifyStep,
  restore: restoreStep,
};

/** The first step not done yet, in pipeline order; `failed` when a step failed for good. */
export function nextStep(steps: StepRow[]): StepDefinition | 'failed' | null {
  for (const name of failoverStepNames) {
    const row = steps.find((step) => step.step === name);
    if (!row || row.state === 'succeeded' || row.state === 'skipped') continue;
    if (row.state === 'failed') return 'failed';
    return definitions[name] ?? null;
  }
  return null;
}

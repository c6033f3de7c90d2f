import type { FailoverStepError } from '@/db/schema';
import type { RunRow, StepRow } from '../run/failover-deps';

export interface FailoverStepView {
  name: StepRow['step'];
  state: StepRow['state'];
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  outcome: string | null;
  output: Record<string, unknown>;
  errors: FailoverStepError[];
}

export interface FailoverRunView {
  id: string;
  state: RunRow['state'];
  detectedVia: RunRow['detectedVia'];
  noticeAt: string;
  interruptAt: string | null;
  detectedAt: string;
  startedAt: string | null;
  standbyServingAt: string | null;
  restoredAt: string | null;
  finishedAt: string | null;
  /** The checkpoint the standby got, and how old it was at the notice. */
  checkpoint: {
    key: string;
    seq: number;
    takenAt: string;
    ageSeconds: number;
    fallback: boolean;
  } | null;
  standbyMachineId: string | null;
  restoreMachineId: string | null;
  error: string | null;
  steps: FailoverStepView[];
}

const iso = (value: Date | null) => value?.toISOString() ?? null;
const order = ['detect', 'sync', 'standby', 'notify', 'restore'];

export function toRunView(run: RunRow, steps: StepRow[], now: Date): FailoverRunView {
  return {
    id: run.id,
    state: run.state,
    detectedVia: run.detectedVia,
    noticeAt: run.noticeAt.toISOString(),
    interruptAt: iso(run.interruptAt),
    detectedAt: run.detectedAt.toISOString(),
    startedAt: iso(run.startedAt),
    standbyServingAt: iso(run.standbyServingAt),
    restoredAt: iso(run.restoredAt),
    finishedAt: iso(run.finishedAt),
    checkpoint:
      run.checkpointKey && run.checkpointSeq && run.checkpointTakenAt
        ? {
            key: run.checkpointKey,
            seq: run.checkpointSeq,
            takenAt: run.checkpointTakenAt.toISOString(),
            ageSeconds: Math.max(
              0,
              (run.noticeAt.getTime() - run.checkpointTakenAt.getTime()) / 1000,
            ),
            fallback: run.checkpointFallback,
          }
        : null,
    standbyMachineId: run.standbyMachineId,
    restoreMachineId: run.restoreMachineId,
    error: run.error,
    steps: [...steps]
      .sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step))
      .map((step) => ({
        name: step.step,
        state: step.state,
        attempts: step.attempts,
        startedAt: iso(step.startedAt),
        finishedAt: iso(step.finishedAt),
        durationMs: step.startedAt
          ? (step.finishedAt ?? now).getTime() - step.startedAt.getTime()
          : null,
        outcome: step.outcome,
        output: step.output,
        errors: step.errors,
      })),
  };
}

import type { FailoverRunView, FailoverStepView } from '@/lib/failover/view/run-view';
import { formatDuration } from '@/lib/client/format';
import { StepDetails } from './step-details';

const labels: Record<FailoverStepView['name'], string> = {
  detect: 'Detect',
  sync: 'Sync to R2',
  standby: 'Standby',
  notify: 'Notify',
  restore: 'Restore onto a GPU',
};

const stateStyle: Record<FailoverStepView['state'], string> = {
  pending: 'bg-slate-100 text-slate-500',
  running: 'bg-sky-100 text-sky-800',
  retrying: 'bg-amber-100 text-amber-800',
  waiting: 'bg-amber-50 text-amber-700',
  succeeded: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-rose-100 text-rose-800',
  skipped: 'bg-slate-100 text-slate-500',
};

const runLabels: Record<FailoverRunView['state'], string> = {
  running: 'failing over',
  on_standby: 'on standby',
  restoring: 'restoring',
  restored: 'restored',
  failed: 'failed',
  cancelled: 'cancelled',
};

const duration = (ms: number | null) =>
  ms === null ? '' : ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : formatDuration(ms / 1000);

/** One failover run, step by step: state, duration, retries, what each step made. */
export function FailoverTimeline({ run }: { run: FailoverRunView }) {
  const noticeToStandby = run.standbyServingAt
    ? (Date.parse(run.standbyServingAt) - Date.parse(run.noticeAt)) / 1000
    : null;
  return (
    <div className="space-y-3" data-testid="failover-run" data-run-state={run.state}>
      <p className="text-sm text-slate-600">
        Notice at {new Date(run.noticeAt).toLocaleTimeString()} via {run.detectedVia}
        {noticeToStandby !== null && (
          <> · standby serving {noticeToStandby.toFixed(1)} s after the notice</>
        )}
        {' · '}
        <span className="font-medium" data-testid="run-state">
          {runLabels[run.state]}
        </span>
      </p>
      {run.error && (
        <p role="alert" className="text-sm text-rose-700">
          {run.error}
        </p>
      )}
      <ol className="space-y-2" aria-label="Failover timeline">
        {run.steps.map((step) => (
          <li
            key={step.name}
            className="rounded border border-slate-200 bg-white p-3"
            data-step={step.name}
            data-step-state={step.state}
          >
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{labels[step.name]}</span>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${stateStyle[step.state]}`}>
                {step.state}
              </span>
              {step.durationMs !== null && step.state !== 'waiting' && (
                <span className="tabular text-xs text-slate-500">{duration(step.durationMs)}</span>
              )}
              {step.attempts > 1 && (
                <span className="text-xs text-amber-700">{step.attempts} attempts</span>
              )}
            </div>
            {step.outcome && <p className="mt-1 text-sm text-slate-700">{step.outcome}</p>}
            <StepDetails step={step} />
          </li>
        ))}
      </ol>
    </div>
  );
}

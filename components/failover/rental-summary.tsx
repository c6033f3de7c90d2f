import type { RentalFailoverView } from '@/lib/failover/view/get-rental-failover';
import { formatAge, formatPrice } from '@/lib/client/format';

const stateStyle: Record<RentalFailoverView['displayState'], string> = {
  provisioning: 'bg-sky-100 text-sky-800',
  running: 'bg-emerald-100 text-emerald-800',
  interrupted: 'bg-rose-100 text-rose-800',
  on_standby: 'bg-amber-100 text-amber-800',
  restoring: 'bg-violet-100 text-violet-800',
  restored: 'bg-emerald-100 text-emerald-800',
  terminated: 'bg-slate-100 text-slate-600',
};

const seconds = (iso: string, now: number) => Math.max(0, (now - Date.parse(iso)) / 1000);

/** The rental at a glance: state, cost split between GPU and standby, checkpoints. */
export function RentalSummary({ view, now }: { view: RentalFailoverView; now: number }) {
  const { rental, standby, latestCheckpoint } = view;
  const run = view.runs[0];
  return (
    <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-3">
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">State</p>
        <span
          className={`mt-1 inline-block rounded px-2 py-0.5 text-sm font-medium ${stateStyle[view.displayState]}`}
          data-testid="rental-state"
        >
          {view.displayState.replace('_', ' ')}
        </span>
        {standby && (
          <p className="mt-2 text-sm text-slate-700" data-testid="standby-cost">
            Standby {standby.label} at {formatPrice(standby.pricePerHour)}/h: $
            {standby.costSoFar.toFixed(4)} so far
          </p>
        )}
      </div>
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">Cost so far</p>
        <p className="tabular mt-1 text-lg font-semibold">${rental.cost.total.toFixed(4)}</p>
        <p className="tabular text-xs text-slate-500" data-testid="cost-split">
          GPU ${rental.cost.gpu.toFixed(4)} · standby ${rental.cost.standby.toFixed(4)}
        </p>
      </div>
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">Checkpoints</p>
        <p className="mt-1 text-sm">
          {latestCheckpoint
            ? `Latest: #${latestCheckpoint.seq} (${latestCheckpoint.reason}), ${formatAge(seconds(latestCheckpoint.takenAt, now))}`
            : 'None yet'}
        </p>
        {run?.checkpoint && (
          <p className="text-sm text-slate-600" data-testid="checkpoint-used">
            Failover used #{run.checkpoint.seq}
            {run.checkpoint.fallback
              ? `, taken ${Math.round(run.checkpoint.ageSeconds)} s before the notice (the GPU went before the sync ended)`
              : ', synced at the notice'}
          </p>
        )}
      </div>
    </div>
  );
}

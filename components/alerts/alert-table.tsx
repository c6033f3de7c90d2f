'use client';

import Link from 'next/link';
import { formatPlace, formatPrice, formatTime } from '@/lib/client/format';
import type { AlertView } from '@/lib/alerts/alert-view';
import { providerName } from '@/lib/providers/provider-names';

const stateStyle: Record<AlertView['state'], string> = {
  armed: 'bg-emerald-100 text-emerald-800',
  fired: 'bg-amber-100 text-amber-800',
  paused: 'bg-slate-100 text-slate-600',
};
const stateHelp: Record<AlertView['state'], string> = {
  armed: 'waiting for the price to drop to the bound',
  fired: 're-arms when the price rises 2% above the bound',
  paused: 'not evaluated until resumed',
};

interface Props {
  alerts: AlertView[];
  busy: boolean;
  onPause(alert: AlertView, paused: boolean): void;
  onEdit(alert: AlertView): void;
  onDelete(alert: AlertView): void;
}

const button = 'rounded border px-2 py-1 text-xs disabled:opacity-50';

export function AlertTable({ alerts, busy, onPause, onEdit, onDelete }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table
        className="min-w-full divide-y divide-slate-200 text-sm"
        aria-label="Your price alerts"
      >
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Alert</th>
            <th className="px-3 py-2">Channels</th>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2">Last fired</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {alerts.map((alert) => (
            <tr key={alert.id} data-alert-id={alert.id}>
              <td className="px-3 py-2">
                <div className="font-medium" data-testid="alert-rule">
                  {alert.gpuModel} ≤ {formatPrice(alert.maxPricePerGpuHour)}/GPU-h
                </div>
                <div className="text-xs text-slate-500">
                  {formatPlace(alert.region, alert.location)}
                </div>
              </td>
              <td className="px-3 py-2 text-xs">{alert.channels.join(', ')}</td>
              <td className="px-3 py-2">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${stateStyle[alert.state]}`}
                  data-testid="alert-state"
                >
                  {alert.state}
                </span>
                <div className="mt-1 text-xs text-slate-500">{stateHelp[alert.state]}</div>
              </td>
              <td className="px-3 py-2 text-xs" data-testid="alert-last-fired">
                {alert.lastFired ? (
                  <>
                    {formatTime(alert.lastFired.at)} at{' '}
                    {alert.lastFired.pricePerGpuHour !== null && (
                      <strong>{formatPrice(alert.lastFired.pricePerGpuHour)}/GPU-h</strong>
                    )}
                    {alert.lastFired.offer && (
                      <div>
                        <Link
                          className="text-indigo-700 underline"
                          href={`/offers/${alert.lastFired.offer.id}`}
                        >
                          {alert.lastFired.offer.gpuCount}× {alert.gpuModel} in{' '}
                          {alert.lastFired.offer.location} on{' '}
                          {providerName(alert.lastFired.offer.provider)}
                        </Link>
                      </div>
                    )}
                  </>
                ) : (
                  <span className="text-slate-400">never</span>
                )}
              </td>
              <td className="space-x-1 whitespace-nowrap px-3 py-2 text-right">
                <button
                  type="button"
                  disabled={busy}
                  className={`${button} border-slate-300`}
                  onClick={() => onPause(alert, alert.state !== 'paused')}
                >
                  {alert.state === 'paused' ? 'Resume' : 'Pause'}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  className={`${button} border-slate-300`}
                  onClick={() => onEdit(alert)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  disabled={busy}
                  className={`${button} border-rose-300 text-rose-700`}
                  onClick={() => onDelete(alert)}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

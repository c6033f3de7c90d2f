'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { apiFetch } from '@/lib/client/api';
import { formatDuration, formatPrice } from '@/lib/client/format';
import type { RentalView } from '@/lib/rentals/rental-view';
import { providerName } from '@/lib/providers/provider-names';
import { queryStatus } from '@/components/ui/query-status';

const stateStyle: Record<RentalView['state'], string> = {
  provisioning: 'bg-sky-100 text-sky-800',
  running: 'bg-emerald-100 text-emerald-800',
  interrupted: 'bg-rose-100 text-rose-800',
  on_standby: 'bg-amber-100 text-amber-800',
  restoring: 'bg-violet-100 text-violet-800',
  terminated: 'bg-slate-100 text-slate-600',
};

export function MachinesView() {
  const queryClient = useQueryClient();
  const rentals = useQuery({
    queryKey: ['rentals'],
    queryFn: () => apiFetch<{ rentals: RentalView[] }>('/api/rentals'),
    refetchInterval: 5_000,
  });
  const terminate = useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ rental: RentalView }>(`/api/rentals/${id}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['rentals'] }),
  });

  if (!rentals.isSuccess) return queryStatus(rentals, 'your machines');

  const list = rentals.data.rentals;
  if (list.length === 0)
    return (
      <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
        You have no machines yet.{' '}
        <Link href="/" className="text-indigo-700 underline">
          Rent one on the market
        </Link>
        .
      </p>
    );

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Your machines">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Machine</th>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2 text-right">Price</th>
            <th className="px-3 py-2 text-right">Uptime</th>
            <th className="px-3 py-2 text-right">Cost so far</th>
            <th className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {list.map((rental) => (
            <tr key={rental.id} data-rental-id={rental.id}>
              <td className="px-3 py-2">
                <Link
                  href={`/machines/${rental.id}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {rental.gpuCount > 1 ? `${rental.gpuCount}× ` : ''}
                  {rental.gpuModel}
                </Link>
                <div className="text-xs text-slate-500">
                  {rental.location} · {providerName(rental.provider)} · {rental.id.slice(0, 8)}
                </div>
                {rental.lastError && (
                  <div className="text-xs text-rose-700">{rental.lastError}</div>
                )}
              </td>
              <td className="px-3 py-2">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-medium ${stateStyle[rental.state]}`}
                  data-testid="rental-state"
                >
                  {rental.state.replace('_', ' ')}
                </span>
                {rental.noticeAt && rental.state === 'running' && (
                  <div className="mt-1 text-xs text-rose-700">Interruption notice received</div>
                )}
              </td>
              <td className="tabular px-3 py-2 text-right">
                {formatPrice(rental.current?.pricePerHour ?? rental.spotPricePerHour)}/h
                {rental.current?.kind === 'standby' && (
                  <div className="text-xs text-slate-500">standby {rental.current.machineType}</div>
                )}
              </td>
              <td className="tabular px-3 py-2 text-right">
                {formatDuration(rental.uptimeSeconds)}
              </td>
              <td className="tabular px-3 py-2 text-right">
                ${rental.cost.total.toFixed(4)}
                {rental.cost.standby > 0 && (
                  <div className="text-xs text-slate-500">
                    GPU ${rental.cost.gpu.toFixed(4)} · standby ${rental.cost.standby.toFixed(4)}
                  </div>
                )}
              </td>
              <td className="px-3 py-2 text-right">
                {rental.state !== 'terminated' && rental.state !== 'interrupted' && (
                  <button
                    type="button"
                    className="rounded border border-rose-300 px-3 py-1 text-rose-700 hover:bg-rose-50 disabled:opacity-50"
                    disabled={terminate.isPending && terminate.variables === rental.id}
                    onClick={() => {
                      if (
                        window.confirm(
                          'Terminate this machine? Its spot capacity is released at once.',
                        )
                      )
                        terminate.mutate(rental.id);
                    }}
                  >
                    Terminate
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {terminate.isError && (
        <p role="alert" className="p-3 text-sm text-rose-700">
          {terminate.error.message}
        </p>
      )}
    </div>
  );
}

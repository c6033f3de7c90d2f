'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import { formatPrice } from '@/lib/client/format';
import type { RentalFailoverView } from '@/lib/failover/view/get-rental-failover';
import { FailoverOverrideForm } from './failover-override-form';
import { FailoverTimeline } from './failover-timeline';
import { RentalSummary } from './rental-summary';
import { SimulateInterruption } from './simulate-interruption';
import { providerName } from '@/lib/providers/provider-names';

/** After a simulated notice, the page follows closely until the run shows up and moves. */
const WATCH_AFTER_NOTICE_MS = 30_000;

/** How often to refresh: every second while a notice is fresh or a run moves, slower otherwise. */
function refreshEvery(view: RentalFailoverView | undefined, watchingUntil: number): number {
  const state = view?.runs[0]?.state;
  if (Date.now() < watchingUntil) return 1_000;
  if (state === 'running' || state === 'restoring') return 1_000;
  if (view?.rental.state === 'interrupted') return 1_000;
  if (view?.rental.state === 'running' && view.rental.noticeAt) return 1_000;
  if (state === 'on_standby' || view?.rental.state === 'provisioning') return 5_000;
  return 15_000;
}

export function RentalPage({ rentalId }: { rentalId: string }) {
  const queryClient = useQueryClient();
  const key = ['rental-failover', rentalId];
  const [watchingUntil, setWatchingUntil] = useState(0);
  const query = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<RentalFailoverView>(`/api/rentals/${rentalId}/failover`),
    refetchInterval: (current) => refreshEvery(current.state.data, watchingUntil),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  if (query.isPending)
    return (
      <p role="status" className="text-slate-500">
        Loading the machine…
      </p>
    );
  if (query.isError)
    return (
      <p role="alert" className="text-rose-700">
        Could not load this machine: {query.error.message}
      </p>
    );

  const view = query.data;
  const { rental } = view;
  const [latest, ...earlier] = view.runs;
  const canSimulate = view.simulation.allowed && rental.state === 'running';
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/machines" className="text-sm text-indigo-700 underline">
            ← Machines
          </Link>
          <h1 className="text-2xl font-semibold">
            {rental.gpuCount > 1 ? `${rental.gpuCount}× ` : ''}
            {rental.gpuModel} · {rental.location}
          </h1>
          <p className="text-sm text-slate-500">
            {providerName(rental.provider)} ·{' '}
            {formatPrice(rental.current?.pricePerHour ?? rental.spotPricePerHour)}/h
            {rental.current?.kind === 'standby' &&
              ` on the ${rental.current.machineType} standby`}{' '}
            · failover {view.settings.enabled ? 'on' : 'off'}
          </p>
        </div>
        {canSimulate && (
          <SimulateInterruption
            rentalId={rentalId}
            onDone={() => {
              setWatchingUntil(Date.now() + WATCH_AFTER_NOTICE_MS);
              void refresh();
            }}
          />
        )}
      </div>

      <RentalSummary view={view} now={query.dataUpdatedAt} />

      <div className="space-y-3">
        <h2 className="text-lg font-semibold">Failover</h2>
        {latest ? (
          <FailoverTimeline run={latest} />
        ) : (
          <p className="text-sm text-slate-600">No interruption so far.</p>
        )}
        {earlier.map((run) => (
          <details key={run.id} className="rounded border border-slate-200 bg-slate-50 p-3">
            <summary className="cursor-pointer text-sm">
              Earlier run, notice at {new Date(run.noticeAt).toLocaleString()} ({run.state})
            </summary>
            <FailoverTimeline run={run} />
          </details>
        ))}
      </div>

      {rental.state !== 'terminated' && (
        <FailoverOverrideForm
          rentalId={rentalId}
          settings={view.settings}
          override={view.override}
          rentalPricePerGpuHour={Number((rental.spotPricePerHour / rental.gpuCount).toFixed(5))}
          onSaved={refresh}
        />
      )}
    </section>
  );
}

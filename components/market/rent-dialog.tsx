'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Modal } from '@/components/ui/modal';
import { ApiError, apiFetch } from '@/lib/client/api';
import { formatHours, formatPercent, formatPrice } from '@/lib/client/format';
import type { OfferView } from '@/lib/market/search-offers';
import type { RentalView } from '@/lib/rentals/rental-view';

const riskText = { high: 'Low risk', medium: 'Moderate risk', low: 'High risk' } as const;

/** The sign-in page, bringing the visitor back to this very market view afterwards. */
const signInHere = () =>
  `/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;

/** Shows exactly what the user agrees to — price, saving, interruption risk — before renting. */
export function RentDialog({ offer, onClose }: { offer: OfferView; onClose(): void }) {
  const queryClient = useQueryClient();
  const [confirmedPrice, setConfirmedPrice] = useState(offer.spotPricePerHour);
  const rent = useMutation({
    mutationFn: (price: number) =>
      apiFetch<{ rental: RentalView }>('/api/rentals', {
        method: 'POST',
        body: JSON.stringify({ offerId: offer.id, confirmedPricePerHour: price }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rentals'] }),
  });

  const error = rent.error instanceof ApiError ? rent.error : null;
  const movedTo =
    error?.details.reason === 'price_moved' ? Number(error.details.currentPricePerHour) : null;
  const { reliability } = offer;

  if (rent.isSuccess) {
    return (
      <Modal title="Machine rented" onClose={onClose}>
        <p className="mb-4 text-sm">
          Your {offer.gpuCount > 1 ? `${offer.gpuCount}× ` : ''}
          {offer.gpuModel} in {offer.location} is being provisioned.
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" className="rounded px-3 py-1.5 text-sm" onClick={onClose}>
            Close
          </button>
          <Link
            href="/machines"
            className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white"
          >
            Go to Machines
          </Link>
        </div>
      </Modal>
    );
  }

  return (
    <Modal
      title={`Rent ${offer.gpuCount > 1 ? `${offer.gpuCount}× ` : ''}${offer.gpuModel}`}
      onClose={onClose}
    >
      <dl className="mb-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Spot price</dt>
        <dd className="tabular font-semibold" data-testid="confirm-spot-price">
          {formatPrice(confirmedPrice)}/h
          <span className="font-normal text-slate-500">
            {' '}
            ({formatPrice(confirmedPrice / offer.gpuCount)}/GPU-h)
          </span>
        </dd>
        <dt className="text-slate-500">On-demand price</dt>
        <dd className="tabular">{formatPrice(offer.onDemandPricePerHour)}/h</dd>
        <dt className="text-slate-500">You save</dt>
        <dd className="tabular font-medium text-emerald-700">
          {offer.onDemandPricePerHour > 0
            ? `${Math.round((1 - confirmedPrice / offer.onDemandPricePerHour) * 100)}%`
            : '—'}
        </dd>
        <dt className="text-slate-500">Interruption risk</dt>
        <dd>
          {reliability.class === null ? (
            <>No interruptions observed in 24 h (no data)</>
          ) : (
            <>
              {riskText[reliability.class]}: {formatPercent(reliability.interruptionRate24h)} of
              rentals interrupted in 24 h
              {reliability.meanTimeToInterruptionHours !== null && (
                <>
                  , mean time to interruption {formatHours(reliability.meanTimeToInterruptionHours)}
                </>
              )}
            </>
          )}
        </dd>
        <dt className="text-slate-500">Where</dt>
        <dd>
          {offer.location} ({offer.region}) · {offer.provider}
        </dd>
      </dl>
      <p className="mb-4 text-xs text-slate-500">
        Spot machines can be taken back by the provider with 30 s to 2 min of notice.
      </p>

      {error?.status === 401 ? (
        <p role="alert" className="mb-3 rounded bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          Renting needs an account.{' '}
          <a href={signInHere()} className="font-medium underline">
            Sign in to rent
          </a>
        </p>
      ) : (
        error && (
          <p role="alert" className="mb-3 rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {error.message}
            {movedTo !== null && <> — it is now {formatPrice(movedTo)}/h.</>}
          </p>
        )
      )}

      <div className="flex justify-end gap-2">
        <button type="button" className="rounded px-3 py-1.5 text-sm" onClick={onClose}>
          Cancel
        </button>
        {movedTo !== null ? (
          <button
            type="button"
            className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white"
            onClick={() => {
              setConfirmedPrice(movedTo);
              rent.reset();
            }}
          >
            Review new price
          </button>
        ) : (
          <button
            type="button"
            disabled={rent.isPending}
            className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
            onClick={() => rent.mutate(confirmedPrice)}
          >
            {rent.isPending ? 'Renting…' : `Rent for ${formatPrice(confirmedPrice)}/h`}
          </button>
        )}
      </div>
    </Modal>
  );
}

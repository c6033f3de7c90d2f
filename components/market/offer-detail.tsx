'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import { formatAge, formatPrice } from '@/lib/client/format';
import type { OfferView } from '@/lib/market/search-offers';
import { ReliabilityBadge } from './reliability-badge';
import { RentDialog } from './rent-dialog';
import { providerName } from '@/lib/providers/provider-names';
import { queryStatus } from '@/components/ui/query-status';

/** One offer, as a price alert links to it: what it costs now, and a Rent button. */
export function OfferDetail({ offerId }: { offerId: string }) {
  const [renting, setRenting] = useState(false);
  const answer = useQuery({
    queryKey: ['offer', offerId],
    queryFn: () => apiFetch<{ offer: OfferView }>(`/api/offers/${offerId}`),
    refetchInterval: 15_000,
  });

  if (!answer.isSuccess) return queryStatus(answer, 'the offer');
  const { offer } = answer.data;

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h1 className="text-2xl font-semibold" data-testid="offer-name">
        {offer.gpuCount > 1 ? `${offer.gpuCount}× ` : ''}
        {offer.gpuModel} in {offer.location}
      </h1>
      <dl className="grid max-w-md grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Spot price</dt>
        <dd className="tabular font-semibold" data-testid="offer-price">
          {formatPrice(offer.spotPricePerGpuHour)}/GPU-h ({formatPrice(offer.spotPricePerHour)}/h)
        </dd>
        <dt className="text-slate-500">On-demand price</dt>
        <dd className="tabular">{formatPrice(offer.onDemandPricePerGpuHour)}/GPU-h</dd>
        <dt className="text-slate-500">Where</dt>
        <dd>
          {offer.location} ({offer.region}) · {providerName(offer.provider)}
        </dd>
        <dt className="text-slate-500">Availability</dt>
        <dd>{offer.available ? `${offer.availableCount} available` : 'Not available right now'}</dd>
        <dt className="text-slate-500">Reliability</dt>
        <dd>
          <ReliabilityBadge reliability={offer.reliability} />
        </dd>
        <dt className="text-slate-500">Price seen</dt>
        <dd>
          {formatAge(offer.ageSeconds)}
          {offer.stale && <span className="ml-1 text-amber-700">(stale)</span>}
        </dd>
      </dl>
      <div className="flex gap-3">
        <button
          type="button"
          disabled={!offer.available || !offer.rentable}
          onClick={() => setRenting(true)}
          className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          Rent
        </button>
        <Link
          href={`/markets/${offer.marketId}`}
          className="self-center text-sm text-indigo-700 underline"
        >
          Market history
        </Link>
      </div>
      {renting && <RentDialog offer={offer} onClose={() => setRenting(false)} />}
    </section>
  );
}

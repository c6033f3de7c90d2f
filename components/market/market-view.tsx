'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { ApiError, apiFetch } from '@/lib/client/api';
import { formatAge } from '@/lib/client/format';
import type { MarketCatalog } from '@/lib/market/market-catalog';
import type { OfferPage, OfferView } from '@/lib/market/search-offers';
import { MarketFilters } from './market-filters';
import { OfferTable } from './offer-table';
import { RentDialog } from './rent-dialog';
import { useMarketFilters } from './use-market-filters';

const PAGE_SIZE = 100;

export function MarketView() {
  const { filters, setFilters, queryString } = useMarketFilters();
  const [renting, setRenting] = useState<OfferView | null>(null);

  const catalog = useQuery({
    queryKey: ['filters'],
    queryFn: () => apiFetch<MarketCatalog>('/api/filters'),
    staleTime: 60_000,
  });

  const offers = useInfiniteQuery({
    queryKey: ['offers', queryString],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(queryString);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      return apiFetch<OfferPage>(`/api/offers?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

  const rows = offers.data?.pages.flatMap((page) => page.offers) ?? [];
  // The age of the newest live price on the page; offers from files or late feeds say their own.
  const freshest = rows
    .filter((offer) => !offer.stale)
    .reduce((min, offer) => Math.min(min, offer.ageSeconds), Number.POSITIVE_INFINITY);
  const fromFiles = rows.filter((offer) => offer.source === 'file').length;
  const late = rows.filter((offer) => offer.stale && offer.source === 'feed').length;

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Spot market</h1>
        <p className="text-sm text-slate-500" aria-live="polite">
          {[
            Number.isFinite(freshest) && (
              <span key="live">Live prices updated {formatAge(freshest)}</span>
            ),
            late > 0 && (
              <span key="late" className="text-amber-700">
                {late === 1
                  ? '1 offer shown is stale (its feed has not updated it recently)'
                  : `${late} offers shown are stale (their feed has not updated them recently)`}
              </span>
            ),
            fromFiles > 0 && (
              <span key="files">
                {fromFiles === 1 ? '1 offer shown comes' : `${fromFiles} offers shown come`} from a
                saved file, not a live feed
              </span>
            ),
          ]
            .filter(Boolean)
            .map((part, index) => (
              <Fragment key={index}>
                {index > 0 && ' · '}
                {part}
              </Fragment>
            ))}
        </p>
      </div>

      <MarketFilters filters={filters} catalog={catalog.data} onChange={setFilters} />

      {offers.isPending ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-500" role="status">
          Loading offers…
        </p>
      ) : offers.isError ? (
        <div
          role="alert"
          className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-rose-900"
        >
          <p className="font-medium">{offers.error.message}</p>
          {offers.error instanceof ApiError && Object.keys(offers.error.fields).length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {Object.entries(offers.error.fields).map(([field, message]) => (
                <li key={field}>
                  <code>{field}</code>: {message}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="mt-2 text-sm underline"
            onClick={() => void offers.refetch()}
          >
            Try again
          </button>
        </div>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600" role="status">
          No offers match these filters right now. Loosen a filter, or create a price alert to hear
          when one appears.
        </p>
      ) : (
        <>
          <OfferTable offers={rows} onRent={setRenting} />
          <div className="flex items-center justify-between text-sm text-slate-500">
            <span>
              {rows.length} offer{rows.length === 1 ? '' : 's'} shown
            </span>
            {offers.hasNextPage && (
              <button
                type="button"
                className="rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
                disabled={offers.isFetchingNextPage}
                onClick={() => void offers.fetchNextPage()}
              >
                {offers.isFetchingNextPage ? 'Loading…' : `Load ${PAGE_SIZE} more`}
              </button>
            )}
          </div>
        </>
      )}

      {renting && <RentDialog offer={renting} onClose={() => setRenting(null)} />}
    </section>
  );
}

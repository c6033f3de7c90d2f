'use client';

import Link from 'next/link';
import { formatPrice } from '@/lib/client/format';
import { providerName } from '@/lib/providers/provider-names';
import type { OfferView } from '@/lib/market/search-offers';
import { OfferAge, Saving } from './offer-badges';
import { ReliabilityBadge } from './reliability-badge';

interface Props {
  offers: OfferView[];
  onRent(offer: OfferView): void;
}

const th = 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500';
const td = 'px-3 py-2 align-top';

export function OfferTable({ offers, onRent }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Spot offers">
        <thead className="bg-slate-50">
          <tr>
            <th className={th}>GPU</th>
            <th className={th}>Location</th>
            <th className={th}>Provider</th>
            <th className={`${th} text-right`}>Spot</th>
            <th className={`${th} text-right`}>On-demand</th>
            <th className={`${th} text-right`}>Saving</th>
            <th className={th}>Reliability (24 h)</th>
            <th className={`${th} text-right`}>Available</th>
            <th className={th}>Seen</th>
            <th className={th}>
              <span className="sr-only">Rent</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {offers.map((offer) => (
            <tr
              key={offer.id}
              data-offer-id={offer.id}
              className={offer.stale ? 'bg-amber-50/50' : undefined}
            >
              <td className={td}>
                <Link
                  href={`/markets/${offer.marketId}`}
                  className="font-medium text-slate-900 hover:text-indigo-700"
                >
                  {offer.gpuCount > 1 ? `${offer.gpuCount}× ` : ''}
                  {offer.gpuModel}
                </Link>
                <div className="text-xs text-slate-500">{offer.vramGb} GB per GPU</div>
              </td>
              <td className={td}>
                <div>{offer.location}</div>
                <div className="text-xs text-slate-500">
                  {offer.region}
                  {offer.city ? ` · ${offer.city}` : ''}
                  {offer.country ? `, ${offer.country}` : ''}
                </div>
              </td>
              <td className={td}>{providerName(offer.provider)}</td>
              <td className={`${td} tabular text-right`}>
                <div className="font-semibold">{formatPrice(offer.spotPricePerGpuHour)}/GPU-h</div>
                {offer.gpuCount > 1 && (
                  <div className="text-xs text-slate-500">
                    {formatPrice(offer.spotPricePerHour)}/h machine
                  </div>
                )}
              </td>
              <td className={`${td} tabular text-right text-slate-600`}>
                <div>{formatPrice(offer.onDemandPricePerGpuHour)}/GPU-h</div>
                {offer.gpuCount > 1 && (
                  <div className="text-xs text-slate-500">
                    {formatPrice(offer.onDemandPricePerHour)}/h machine
                  </div>
                )}
              </td>
              <td className={`${td} tabular text-right font-medium`}>
                <Saving percent={offer.savingsPercent} />
              </td>
              <td className={td}>
                <ReliabilityBadge reliability={offer.reliability} />
              </td>
              <td className={`${td} tabular text-right`}>
                {offer.available ? offer.availableCount : 'gone'}
              </td>
              <td className={`${td} whitespace-nowrap text-xs`}>
                <OfferAge offer={offer} />
              </td>
              <td className={td}>
                <button
                  type="button"
                  disabled={!offer.available || !offer.rentable}
                  title={
                    offer.rentable
                      ? undefined
                      : `Renting on ${providerName(offer.provider)} is not set up on this server`
                  }
                  onClick={() => onRent(offer)}
                  className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:bg-slate-300"
                >
                  Rent
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

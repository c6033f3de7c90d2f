import { formatAge } from '@/lib/client/format';
import type { OfferView } from '@/lib/market/search-offers';

/**
 * The saving against on-demand. Some provider data prices spot above on-demand: that is shown
 * as what it is, in red, never as a green "saving".
 */
export function Saving({ percent }: { percent: number | null }) {
  if (percent === null) return <span className="text-slate-400">—</span>;
  if (percent <= 0)
    return (
      <span
        className="text-rose-700"
        title="On this offer the spot price is above the on-demand price"
      >
        {percent === 0 ? 'none' : `${Math.abs(percent).toFixed(0)}% more`}
      </span>
    );
  return <span className="text-emerald-700">{percent.toFixed(0)}%</span>;
}

/** How old the price is, and why it is not live when it is not. */
export function OfferAge({ offer }: { offer: Pick<OfferView, 'stale' | 'source' | 'ageSeconds'> }) {
  if (offer.source === 'file')
    return (
      <span
        className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700"
        title="From a saved provider answer, not a live feed: the price and availability may have changed"
      >
        from a file · {formatAge(offer.ageSeconds)}
      </span>
    );
  if (offer.stale)
    return (
      <span
        className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-800"
        title="Not updated recently (the provider or our worker is late): the price may be out of date"
      >
        stale · {formatAge(offer.ageSeconds)}
      </span>
    );
  return <span className="text-slate-500">{formatAge(offer.ageSeconds)}</span>;
}

import { formatHours, formatPercent } from '@/lib/client/format';
import type { OfferView } from '@/lib/market/search-offers';

const styles = {
  high: { dot: 'bg-emerald-500', text: 'text-emerald-800', label: 'High' },
  medium: { dot: 'bg-amber-400', text: 'text-amber-800', label: 'Medium' },
  low: { dot: 'bg-rose-500', text: 'text-rose-800', label: 'Low' },
} as const;

/**
 * Green / yellow / red from the trailing 24 h interruption rate. Where nothing was observed it
 * says so, and shows the provider's own figure if it publishes one, labelled as the provider's.
 */
export function ReliabilityBadge({ reliability }: { reliability: OfferView['reliability'] }) {
  const detail =
    reliability.class === null
      ? `No rentals observed in the last 24 h.${reliability.providerReliability !== null ? ` Provider's own reliability score: ${formatPercent(reliability.providerReliability)}.` : ''}`
      : `Interruption rate (24 h): ${formatPercent(reliability.interruptionRate24h)} of ${reliability.observedRentals24h} rentals. Mean time to interruption: ${reliability.meanTimeToInterruptionHours === null ? 'no interruption in 24 h' : formatHours(reliability.meanTimeToInterruptionHours)}.`;

  if (reliability.class === null) {
    return (
      <span tabIndex={0} title={detail} aria-label={detail} className="group relative inline-flex items-center gap-1.5 text-slate-500">
        <span className="h-2.5 w-2.5 rounded-full border border-slate-400" aria-hidden />
        <span>No data</span>
        {reliability.providerReliability !== null && (
          <span className="text-xs">(provider: {formatPercent(reliability.providerReliability, 0)})</span>
        )}
        <Tooltip text={detail} />
      </span>
    );
  }

  const style = styles[reliability.class];
  return (
    <span tabIndex={0} aria-label={detail} className={`group relative inline-flex items-center gap-1.5 ${style.text}`} data-reliability={reliability.class}>
      <span className={`h-2.5 w-2.5 rounded-full ${style.dot}`} aria-hidden />
      <span className="tabular">{formatPercent(reliability.interruptionRate24h)}</span>
      <Tooltip text={detail} />
    </span>
  );
}

function Tooltip({ text }: { text: string }) {
  return (
    <span
      role="tooltip"
      className="pointer-events-none invisible absolute bottom-full left-0 z-10 mb-1 w-64 rounded bg-slate-900 px-2 py-1 text-xs text-white shadow group-hover:visible group-focus:visible"
    >
      {text}
    </span>
  );
}

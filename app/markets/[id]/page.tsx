import Link from 'next/link';
import { MarketHistoryChart } from '@/components/market/market-history-chart';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function MarketPage(props: Props) {
  const { id } = await props.params;
  const { range } = await props.searchParams;
  const selected = range === '7d' ? '7d' : '24h';

  return (
    <section className="space-y-4">
      <Link href="/" className="text-sm text-indigo-700">
        ← Market
      </Link>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold" id="market-title">
          Market history
        </h1>
        <nav className="flex gap-1 text-sm" aria-label="Period">
          {(['24h', '7d'] as const).map((option) => (
            <Link
              key={option}
              href={`/markets/${id}?range=${option}`}
              aria-current={option === selected ? 'page' : undefined}
              className={`rounded px-3 py-1 ${option === selected ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200'}`}
            >
              {option === '24h' ? '24 hours' : '7 days'}
            </Link>
          ))}
        </nav>
      </div>
      <MarketHistoryChart marketId={id} range={selected} />
    </section>
  );
}

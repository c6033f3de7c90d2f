'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { apiFetch } from '@/lib/client/api';
import { formatHours, formatPercent, formatPrice } from '@/lib/client/format';
import type { MarketHistory } from '@/lib/market/market-history';
import { ReliabilityBadge } from './reliability-badge';
import { queryStatus } from '@/components/ui/query-status';

const timeLabel = (range: MarketHistory['range']) => (value: string) => {
  const date = new Date(value);
  return range === '24h'
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { weekday: 'short', hour: '2-digit' });
};

export function MarketHistoryChart({
  marketId,
  range,
}: {
  marketId: string;
  range: MarketHistory['range'];
}) {
  const history = useQuery({
    queryKey: ['market-history', marketId, range],
    queryFn: () =>
      apiFetch<MarketHistory>(
        `/api/markets/${encodeURIComponent(marketId)}/history?range=${range}`,
      ),
    refetchInterval: 60_000,
  });

  if (!history.isSuccess) return queryStatus(history, 'the price history');

  const { market, prices, interruptions } = history.data;
  const format = timeLabel(range);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <div>
          <div className="text-xs text-slate-500">Market</div>
          <div className="text-base font-semibold" data-testid="market-name">
            {market.gpuModel} · {market.region}
          </div>
          <Link
            href={`/?gpu=${encodeURIComponent(market.gpuModel)}&region=${encodeURIComponent(market.region)}`}
            className="text-xs text-indigo-700"
          >
            See its offers
          </Link>
        </div>
        <div>
          <div className="text-xs text-slate-500">Reliability (24 h)</div>
          <ReliabilityBadge
            reliability={{
              class: market.class,
              interruptionRate24h: market.interruptionRate24h,
              meanTimeToInterruptionHours: market.meanTimeToInterruptionHours,
              observedRentals24h: market.observedRentals24h,
              providerReliability: null,
            }}
          />
        </div>
        <div>
          <div className="text-xs text-slate-500">Interruption rate</div>
          <div className="tabular">
            {formatPercent(market.interruptionRate24h)} of {market.observedRentals24h} rentals
          </div>
        </div>
        <div>
          <div className="text-xs text-slate-500">Mean time to interruption</div>
          <div className="tabular">{formatHours(market.meanTimeToInterruptionHours)}</div>
        </div>
      </div>

      <figure className="rounded-lg border border-slate-200 bg-white p-4">
        <figcaption className="mb-2 text-sm font-medium">
          Price per GPU-hour: spot vs on-demand
        </figcaption>
        {prices.length === 0 ? (
          <p className="text-sm text-slate-500">No price snapshots in this period.</p>
        ) : (
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={prices}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="t" tickFormatter={format} minTickGap={40} fontSize={12} />
              <YAxis
                tickFormatter={(value: number) => formatPrice(value)}
                fontSize={12}
                width={64}
              />
              <Tooltip
                labelFormatter={(value) => new Date(String(value)).toLocaleString()}
                formatter={(value) => formatPrice(Number(value))}
              />
              <Legend />
              <Line
                type="stepAfter"
                dataKey="bestSpotPerGpuHour"
                name="Best spot"
                stroke="#4f46e5"
                dot={false}
              />
              <Line
                type="stepAfter"
                dataKey="avgSpotPerGpuHour"
                name="Average spot"
                stroke="#0ea5e9"
                dot={false}
              />
              <Line
                type="stepAfter"
                dataKey="onDemandPerGpuHour"
                name="On-demand"
                stroke="#94a3b8"
                dot={false}
                strokeDasharray="4 4"
              />
            </LineChart>
          </ResponsiveContainer>
        )}
      </figure>

      <figure className="rounded-lg border border-slate-200 bg-white p-4">
        <figcaption className="mb-2 text-sm font-medium">Interruptions</figcaption>
        {interruptions.length === 0 ? (
          <p className="text-sm text-slate-500">No interruptions observed in this period.</p>
        ) : (
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={interruptions}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="t" tickFormatter={format} minTickGap={40} fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} width={32} />
              <Tooltip labelFormatter={(value) => new Date(String(value)).toLocaleString()} />
              <Bar dataKey="count" name="Interruptions" fill="#f43f5e" />
            </BarChart>
          </ResponsiveContainer>
        )}
      </figure>
    </div>
  );
}

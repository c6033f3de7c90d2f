'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, apiFetch } from '@/lib/client/api';
import { formatPrice } from '@/lib/client/format';
import type { MarketCatalog } from '@/lib/market/market-catalog';
import type { SimulatedPriceView } from '@/lib/simulator/simulated-prices';
import { PlaceSelect } from './place-select';

type Prices = { prices: SimulatedPriceView[]; pollSeconds: number };
const inputClass = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

/**
 * Quick start only (the API answers 404 in production or without the simulated market, and
 * then this panel does not show): force a simulated price to watch an alert fire.
 */
export function SimulatorPanel({ catalog }: { catalog: MarketCatalog | undefined }) {
  const queryClient = useQueryClient();
  const [gpuModel, setGpuModel] = useState('RTX 4090');
  const [region, setRegion] = useState('US-East');
  const [price, setPrice] = useState('0.30');
  const prices = useQuery({
    queryKey: ['simulated-prices'],
    queryFn: () => apiFetch<Prices>('/api/simulator/prices'),
    retry: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['simulated-prices'] });

  const push = useMutation({
    mutationFn: () =>
      apiFetch('/api/simulator/prices', {
        method: 'POST',
        body: JSON.stringify({ gpuModel, region: region || null, pricePerGpuHour: Number(price) }),
      }),
    onSuccess: refresh,
  });
  const clear = useMutation({
    mutationFn: () => apiFetch('/api/simulator/prices', { method: 'DELETE', body: '{}' }),
    onSuccess: refresh,
  });

  if (!prices.isSuccess) return null;
  const fields = push.error instanceof ApiError ? push.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    push.mutate();
  };

  return (
    <section
      className="rounded-lg border border-dashed border-amber-300 bg-amber-50 p-4"
      aria-labelledby="simulator-title"
    >
      <h2 id="simulator-title" className="font-medium">
        Simulator tools
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Quick start only: force a price on the simulated market to see an alert fire. The market
        picks it up at its next poll (every {prices.data.pollSeconds} s).
      </p>
      <form
        aria-label="Push a simulated price"
        onSubmit={submit}
        className="flex flex-wrap items-end gap-3 text-xs font-medium text-slate-600"
      >
        <label className="flex flex-col gap-1">
          Simulated GPU
          <select
            className={inputClass}
            value={gpuModel}
            onChange={(event) => setGpuModel(event.target.value)}
          >
            {catalog?.gpuModels.map((model) => (
              <option key={model}>{model}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Simulated place
          <PlaceSelect
            id="simulator-place"
            className={inputClass}
            catalog={catalog}
            value={region}
            onChange={setRegion}
          />
        </label>
        <label className="flex flex-col gap-1">
          Simulated $ / GPU-hour
          <input
            className={`${inputClass} w-24`}
            type="number"
            min="0.01"
            max="100"
            step="0.001"
            value={price}
            onChange={(event) => setPrice(event.target.value)}
          />
        </label>
        <button
          type="submit"
          disabled={push.isPending}
          className="rounded bg-amber-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
        >
          Push price
        </button>
        {prices.data.prices.length > 0 && (
          <button
            type="button"
            disabled={clear.isPending}
            className="rounded border border-amber-400 px-3 py-1.5 text-sm text-amber-900"
            onClick={() => clear.mutate()}
          >
            Clear simulated prices
          </button>
        )}
      </form>
      {push.error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {Object.values(fields)[0] ?? push.error.message}
        </p>
      )}
      {prices.data.prices.length > 0 && (
        <ul aria-label="Simulated prices" className="mt-3 text-sm">
          {prices.data.prices.map((row) => (
            <li key={row.offerExternalId}>
              {row.gpuCount}× {row.gpuModel} in {row.location}: {formatPrice(row.pricePerGpuHour)}
              /GPU-h
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

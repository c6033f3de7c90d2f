'use client';

import { useEffect, useState } from 'react';
import type { MarketCatalog } from '@/lib/market/market-catalog';
import { MAX_PRICE_FILTER, MIN_PRICE_FILTER, vramSteps } from '@/lib/market/offer-query';
import type { Filters } from './use-market-filters';

interface Props {
  filters: Filters;
  catalog: MarketCatalog | undefined;
  onChange(changes: Filters): void;
}

const selectClass = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function MarketFilters({ filters, catalog, onChange }: Props) {
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Filter offers"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="GPU" id="filter-gpu">
        <select
          id="filter-gpu"
          className={selectClass}
          value={filters.gpu ?? ''}
          onChange={(event) => onChange({ gpu: event.target.value })}
        >
          <option value="">Any GPU</option>
          {catalog?.gpuModels.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
          {filters.gpu && catalog && !catalog.gpuModels.includes(filters.gpu) && (
            <option value={filters.gpu}>{filters.gpu}</option>
          )}
        </select>
      </Field>

      <Field label="Min VRAM / GPU" id="filter-vram">
        <select
          id="filter-vram"
          className={selectClass}
          value={filters.minVram ?? ''}
          onChange={(event) => onChange({ minVram: event.target.value })}
        >
          <option value="">Any</option>
          {vramSteps.map((step) => (
            <option key={step} value={step}>
              {step} GB
            </option>
          ))}
        </select>
      </Field>

      <MaxPriceField value={filters.maxPrice} onCommit={(maxPrice) => onChange({ maxPrice })} />

      <Field label="Region" id="filter-region">
        <select
          id="filter-region"
          className={selectClass}
          value={filters.region ?? ''}
          onChange={(event) => onChange({ region: event.target.value })}
        >
          <option value="">Anywhere</option>
          {catalog && (
            <>
              <optgroup label="Regions">
                {catalog.regions.map((region) => (
                  <option key={region} value={region}>
                    {region}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Locations">
                {/* A location named like its region ("Middle East") is already listed above. */}
                {catalog.locations
                  .filter(({ location }) => !catalog.regions.includes(location))
                  .map(({ location }) => (
                    <option key={location} value={location}>
                      {location}
                    </option>
                  ))}
              </optgroup>
            </>
          )}
        </select>
      </Field>

      <Field label="Reliability" id="filter-reliability">
        <select
          id="filter-reliability"
          className={selectClass}
          value={filters.reliability ?? ''}
          onChange={(event) => onChange({ reliability: event.target.value })}
        >
          <option value="">Any</option>
          <option value="high">High (&lt; 5% interrupted)</option>
          <option value="medium">Medium (5–15%)</option>
          <option value="low">Low (&gt; 15%)</option>
        </select>
      </Field>

      <Field label="Sort by" id="filter-sort">
        <select
          id="filter-sort"
          className={selectClass}
          value={`${filters.sort ?? 'price'}:${filters.order ?? ''}`}
          onChange={(event) => {
            const [sort, order] = event.target.value.split(':');
            onChange({ sort: sort === 'price' ? '' : sort, order });
          }}
        >
          <option value="price:">Price per GPU-hour, lowest first</option>
          <option value="price:desc">Price per GPU-hour, highest first</option>
          <option value="availability:">Availability, most first</option>
          <option value="availability:asc">Availability, fewest first</option>
        </select>
      </Field>

      {Object.values(filters).some(Boolean) && (
        <button
          type="button"
          className="rounded px-2 py-1.5 text-sm text-indigo-700 hover:bg-indigo-50"
          onClick={() =>
            onChange({
              gpu: '',
              minVram: '',
              maxPrice: '',
              region: '',
              reliability: '',
              provider: '',
              sort: '',
              order: '',
            })
          }
        >
          Clear filters
        </button>
      )}
    </form>
  );
}

function Field({ label, id, children }: { label: string; id: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** Applied on Enter or when leaving the field, so typing does not flood the history. */
function MaxPriceField({
  value,
  onCommit,
}: {
  value: string | undefined;
  onCommit(value: string): void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);

  const number = Number(draft);
  const error =
    draft !== '' &&
    (!Number.isFinite(number) || number < MIN_PRICE_FILTER || number > MAX_PRICE_FILTER)
      ? `Between $${MIN_PRICE_FILTER.toFixed(2)} and $${MAX_PRICE_FILTER.toFixed(2)}`
      : null;
  const commit = () => {
    if (!error && draft !== (value ?? '')) onCommit(draft);
  };

  return (
    <div className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      <label htmlFor="filter-max-price">Max $ / GPU-hour</label>
      <input
        id="filter-max-price"
        className={`w-28 rounded border px-2 py-1.5 text-sm ${error ? 'border-rose-500' : 'border-slate-300'}`}
        type="number"
        inputMode="decimal"
        min={MIN_PRICE_FILTER}
        max={MAX_PRICE_FILTER}
        step="0.05"
        placeholder="any"
        value={draft}
        aria-invalid={!!error}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      {error && <span className="text-rose-600">{error}</span>}
    </div>
  );
}

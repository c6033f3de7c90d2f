'use client';

import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import type { NotificationChannel } from '@/db/schema/alerts';
import type { MarketCatalog } from '@/lib/market/market-catalog';
import { FormField as Field } from './form-field';
import { PlaceSelect } from './place-select';

export interface AlertFormValues {
  gpuModel: string;
  maxPricePerGpuHour: number;
  region: string | null;
  channels: NotificationChannel[];
}

interface Props {
  name: string;
  submitLabel: string;
  catalog: MarketCatalog | undefined;
  initial?: AlertFormValues;
  /** Why a channel cannot deliver on this server, shown beside its box. */
  channelNotes?: Partial<Record<NotificationChannel, string>>;
  pending: boolean;
  error: Error | null;
  onSubmit(values: AlertFormValues): void;
}

const channelLabels: Record<NotificationChannel, string> = {
  email: 'Email',
  push: 'Push',
  sms: 'SMS',
};
const inputClass = 'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** GPU, bound, place and channels: the same form creates and edits an alert. */
export function AlertForm({
  name,
  submitLabel,
  catalog,
  initial,
  channelNotes,
  pending,
  error,
  onSubmit,
}: Props) {
  const [gpuModel, setGpuModel] = useState(initial?.gpuModel ?? '');
  const [price, setPrice] = useState(initial ? String(initial.maxPricePerGpuHour) : '');
  const [region, setRegion] = useState(initial?.region ?? '');
  const [channels, setChannels] = useState<NotificationChannel[]>(initial?.channels ?? ['email']);
  const fields = error instanceof ApiError ? error.fields : {};
  const id = (field: string) => `${name.toLowerCase().replace(/\W+/g, '-')}-${field}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ gpuModel, maxPricePerGpuHour: Number(price), region: region || null, channels });
  };
  const toggle = (channel: NotificationChannel, on: boolean) =>
    setChannels((current) =>
      on ? [...current, channel] : current.filter((item) => item !== channel),
    );

  return (
    <form aria-label={name} onSubmit={submit} className="flex flex-wrap items-start gap-4">
      <Field label="GPU" id={id('gpu')} error={fields.gpuModel}>
        <select
          id={id('gpu')}
          className={inputClass}
          value={gpuModel}
          required
          onChange={(event) => setGpuModel(event.target.value)}
        >
          <option value="">Choose a GPU</option>
          {catalog?.gpuModels.map((model) => (
            <option key={model}>{model}</option>
          ))}
        </select>
      </Field>
      <Field label="Max $ / GPU-hour" id={id('price')} error={fields.maxPricePerGpuHour}>
        <input
          id={id('price')}
          className={`${inputClass} w-28`}
          type="number"
          inputMode="decimal"
          min="0.01"
          max="100"
          step="0.001"
          required
          value={price}
          onChange={(event) => setPrice(event.target.value)}
        />
      </Field>
      <Field label="Region or location" id={id('region')} error={fields.region}>
        <PlaceSelect
          id={id('region')}
          className={inputClass}
          catalog={catalog}
          value={region}
          onChange={setRegion}
        />
      </Field>
      <fieldset className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        <legend className="mb-1">Channels</legend>
        {(Object.keys(channelLabels) as NotificationChannel[]).map((channel) => (
          <label
            key={channel}
            className="flex items-center gap-2 text-sm font-normal text-slate-800"
          >
            <input
              type="checkbox"
              checked={channels.includes(channel)}
              onChange={(event) => toggle(channel, event.target.checked)}
            />
            {channelLabels[channel]}
            {channelNotes?.[channel] && (
              <span className="text-xs text-amber-700">({channelNotes[channel]})</span>
            )}
          </label>
        ))}
        {(fields.channels || fields['channels.0']) && (
          <span className="text-rose-600">{fields.channels ?? fields['channels.0']}</span>
        )}
      </fieldset>
      <div className="flex flex-col gap-1 self-end">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
        >
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
      {error && Object.keys(fields).length === 0 && (
        <p role="alert" className="w-full text-sm text-rose-700">
          {error.message}
        </p>
      )}
    </form>
  );
}

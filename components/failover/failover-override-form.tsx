'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ApiError, apiFetch } from '@/lib/client/api';
import type {
  EffectiveSettings,
  FailoverOverride,
  FailoverSettings,
} from '@/lib/failover/settings/failover-settings';
import { FailoverFields } from './failover-fields';

interface Props {
  rentalId: string;
  settings: EffectiveSettings;
  override: FailoverOverride | null;
  rentalPricePerGpuHour: number;
  onSaved(): void;
}

const strip = ({
  restoreBoundPerGpuHour: _bound,
  ...settings
}: EffectiveSettings): FailoverSettings => settings;

/** This machine's failover: the user's settings, or its own override of them. */
export function FailoverOverrideForm({
  rentalId,
  settings,
  override,
  rentalPricePerGpuHour,
  onSaved,
}: Props) {
  const [own, setOwn] = useState(override !== null);
  const [draft, setDraft] = useState<FailoverSettings>(strip(settings));
  const save = useMutation({
    mutationFn: (next: FailoverSettings | null) =>
      apiFetch(`/api/rentals/${rentalId}/failover`, {
        method: 'PUT',
        body: JSON.stringify({ override: next }),
      }),
    onSuccess: onSaved,
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const fields = Object.fromEntries(
    Object.entries(error?.fields ?? {}).map(([name, message]) => [
      name.replace(/^override\./, ''),
      message,
    ]),
  );

  return (
    <form
      noValidate
      aria-label="Failover for this machine"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(own ? draft : null);
      }}
    >
      <h2 className="text-lg font-semibold">Failover for this machine</h2>
      <div className="flex flex-col gap-1 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={!own} onChange={() => setOwn(false)} />
          Use my{' '}
          <Link href="/settings/failover" className="text-indigo-700 underline">
            failover settings
          </Link>
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={own} onChange={() => setOwn(true)} />
          Override them for this machine
        </label>
      </div>
      {own && (
        <FailoverFields
          value={draft}
          onChange={setDraft}
          errors={fields}
          rentalPricePerGpuHour={rentalPricePerGpuHour}
        />
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      )}
      <button
        type="submit"
        disabled={save.isPending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {save.isPending ? 'Saving…' : 'Save for this machine'}
      </button>
    </form>
  );
}

'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, apiFetch } from '@/lib/client/api';
import type { FailoverSettings } from '@/lib/failover/settings/failover-settings';
import { FailoverFields } from './failover-fields';
import { queryStatus } from '@/components/ui/query-status';

type Answer = { settings: FailoverSettings };

/** Settings → Failover: the user's defaults for every rental. */
export function FailoverSettingsForm() {
  const queryClient = useQueryClient();
  const loaded = useQuery({
    queryKey: ['failover-settings'],
    queryFn: () => apiFetch<Answer>('/api/settings/failover'),
  });
  const [draft, setDraft] = useState<FailoverSettings | null>(null);
  const save = useMutation({
    mutationFn: (settings: FailoverSettings) =>
      apiFetch<Answer>('/api/settings/failover', { method: 'PUT', body: JSON.stringify(settings) }),
    onSuccess: (answer) => {
      queryClient.setQueryData(['failover-settings'], answer);
      setDraft(null);
    },
  });

  if (!loaded.isSuccess) return queryStatus(loaded, 'your settings');

  const value = draft ?? loaded.data.settings;
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <form
      noValidate
      aria-label="Failover settings"
      className="max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(value);
      }}
    >
      <FailoverFields value={value} onChange={setDraft} errors={error?.fields ?? {}} />
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      {save.isSuccess && !draft && (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      )}
      <button
        type="submit"
        disabled={save.isPending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {save.isPending ? 'Saving…' : 'Save failover settings'}
      </button>
    </form>
  );
}

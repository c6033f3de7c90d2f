'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Modal } from '@/components/ui/modal';
import { apiFetch } from '@/lib/client/api';
import type { AlertView } from '@/lib/alerts/alert-view';
import type { MarketCatalog } from '@/lib/market/market-catalog';
import type { NotificationSettings } from '@/lib/notify/notification-settings';
import { AlertForm, type AlertFormValues } from './alert-form';
import { AlertTable } from './alert-table';
import { SimulatorPanel } from './simulator-panel';

/** The Alerts page: create an alert, follow each alert's state, edit, pause and delete. */
export function AlertsView() {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AlertView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['alerts'] });

  const catalog = useQuery({
    queryKey: ['filters'],
    queryFn: () => apiFetch<MarketCatalog>('/api/filters'),
    staleTime: 60_000,
  });
  const settings = useQuery({
    queryKey: ['notification-settings'],
    queryFn: () => apiFetch<NotificationSettings>('/api/notifications/channels'),
  });
  const alerts = useQuery({
    queryKey: ['alerts'],
    queryFn: () => apiFetch<{ alerts: AlertView[] }>('/api/alerts'),
    refetchInterval: 5_000,
  });

  const create = useMutation({
    mutationFn: (values: AlertFormValues) =>
      apiFetch<{ alert: AlertView }>('/api/alerts', {
        method: 'POST',
        body: JSON.stringify(values),
      }),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: ({
      id,
      changes,
    }: {
      id: string;
      changes: Partial<AlertFormValues> & { paused?: boolean };
    }) =>
      apiFetch<{ alert: AlertView }>(`/api/alerts/${id}`, {
        method: 'PATCH',
        body: JSON.stringify(changes),
      }),
    onSuccess: () => {
      setEditing(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch<null>(`/api/alerts/${id}`, { method: 'DELETE' }),
    onSettled: refresh,
  });

  const channelNotes = settings.data
    ? {
        sms: settings.data.sms.problem ?? undefined,
        push: settings.data.push.devices === 0 ? 'no device enabled yet' : undefined,
      }
    : undefined;

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-medium">New price alert</h2>
        <AlertForm
          key={create.isSuccess ? create.data.alert.id : 'new'}
          name="Create price alert"
          submitLabel="Create alert"
          catalog={catalog.data}
          channelNotes={channelNotes}
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => create.mutate(values)}
        />
      </section>

      {alerts.isPending ? (
        <p role="status" className="text-slate-500">
          Loading alerts…
        </p>
      ) : alerts.isError ? (
        <p role="alert" className="text-rose-700">
          Could not load your alerts: {alerts.error.message}
        </p>
      ) : alerts.data.alerts.length === 0 ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
          No price alerts yet. Create one above: it tells you once when the price drops to your
          bound.
        </p>
      ) : (
        <AlertTable
          alerts={alerts.data.alerts}
          busy={edit.isPending || remove.isPending}
          onPause={(alert, paused) => edit.mutate({ id: alert.id, changes: { paused } })}
          onEdit={setEditing}
          onDelete={(alert) => {
            if (
              window.confirm(
                `Delete the alert for ${alert.gpuModel}? Its past notifications stay in your list.`,
              )
            )
              remove.mutate(alert.id);
          }}
        />
      )}
      {remove.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {remove.error.message}
        </p>
      )}

      {editing && (
        <Modal title="Edit price alert" onClose={() => setEditing(null)}>
          <AlertForm
            name="Edit price alert"
            submitLabel="Save changes"
            catalog={catalog.data}
            initial={{
              gpuModel: editing.gpuModel,
              maxPricePerGpuHour: editing.maxPricePerGpuHour,
              region: editing.location ?? editing.region,
              channels: editing.channels,
            }}
            channelNotes={channelNotes}
            pending={edit.isPending}
            error={edit.error}
            onSubmit={(values) => edit.mutate({ id: editing.id, changes: values })}
          />
        </Modal>
      )}

      <SimulatorPanel catalog={catalog.data} />
    </div>
  );
}

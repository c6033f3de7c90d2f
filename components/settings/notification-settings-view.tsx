'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { NotificationSettings } from '@/lib/notify/notification-settings';
import { ChannelCard as Channel } from './channel-card';
import { usePushDevice } from './use-push-device';

type Channel = 'email' | 'push' | 'sms';
const deviceText = {
  checking: 'Checking this browser…',
  unsupported: 'This browser does not support web push.',
  denied: 'Notifications are blocked for this site in the browser settings.',
  off: 'Push is not enabled on this device.',
  on: 'Push is enabled on this device.',
} as const;

/** Settings → Notifications: each channel's status, push on this device, and test messages. */
export function NotificationSettingsView() {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['notification-settings'],
    queryFn: () => apiFetch<NotificationSettings>('/api/notifications/channels'),
  });
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ['notification-settings'] }),
    [queryClient],
  );
  const device = usePushDevice(settings.data?.push.publicKey, refresh);
  const test = useMutation({
    mutationFn: (channel: Channel) =>
      apiFetch('/api/notifications/test', { method: 'POST', body: JSON.stringify({ channel }) }),
  });

  if (settings.isPending)
    return (
      <p role="status" className="text-slate-500">
        Loading…
      </p>
    );
  if (settings.isError)
    return (
      <p role="alert" className="text-rose-700">
        Could not load settings: {settings.error.message}
      </p>
    );
  const { email, push, sms } = settings.data;
  const testButton = (channel: Channel, label = 'Send test') => (
    <button
      type="button"
      disabled={test.isPending}
      onClick={() => test.mutate(channel)}
      className="rounded border border-slate-300 px-3 py-1 text-sm disabled:opacity-50"
    >
      {label}
    </button>
  );

  return (
    <div className="space-y-4">
      <Channel
        title="Email"
        ok={email.available}
        badge={email.mode === 'outbox' ? 'In-app outbox' : 'SMTP'}
      >
        <p>{email.detail}</p>
        <p className="text-slate-600">Messages go to {email.address}.</p>
        {testButton('email')}
      </Channel>

      <Channel
        title="Web push"
        ok={push.available}
        badge={`${push.devices} device${push.devices === 1 ? '' : 's'}`}
      >
        <p>{push.detail}</p>
        <p className="text-slate-600" data-testid="push-device-state">
          {deviceText[device.state]}
        </p>
        <div className="flex gap-2">
          {device.state === 'off' && (
            <button
              type="button"
              onClick={() => void device.enable()}
              className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white"
            >
              Enable push on this device
            </button>
          )}
          {device.state === 'on' && (
            <button
              type="button"
              onClick={() => void device.disable()}
              className="rounded border border-slate-300 px-3 py-1 text-sm"
            >
              Disable on this device
            </button>
          )}
          {testButton('push')}
        </div>
        {device.error && (
          <p role="alert" className="text-rose-700">
            Could not enable push: {device.error}
          </p>
        )}
      </Channel>

      <Channel
        title="SMS"
        ok={sms.available && !sms.problem}
        badge={sms.available ? 'Twilio' : 'Unavailable'}
      >
        <p>{sms.available ? sms.detail : `Unavailable: ${sms.detail}`}</p>
        {sms.available && (
          <p className="text-slate-600">{sms.phone ? `Texts go to ${sms.phone}.` : sms.problem}</p>
        )}
        {testButton('sms')}
      </Channel>

      {test.isSuccess && (
        <p role="status" className="text-sm text-slate-600">
          Test queued. See how it went on the{' '}
          <Link href="/notifications" className="text-indigo-700 underline">
            Notifications
          </Link>{' '}
          page.
        </p>
      )}
      {test.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {test.error.message}
        </p>
      )}
    </div>
  );
}

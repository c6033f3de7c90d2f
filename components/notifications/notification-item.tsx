import Link from 'next/link';
import { formatTime } from '@/lib/client/format';
import type { NotificationView } from '@/lib/notify/list-notifications';
import { providerName } from '@/lib/providers/provider-names';

const stateStyle: Record<NotificationView['state'], string> = {
  queued: 'bg-sky-100 text-sky-800',
  sending: 'bg-sky-100 text-sky-800',
  sent: 'bg-emerald-100 text-emerald-800',
  retrying: 'bg-amber-100 text-amber-800',
  failed: 'bg-rose-100 text-rose-800',
};
const channelLabel = { email: 'Email', push: 'Push', sms: 'SMS' } as const;
const kindLabel = { price_alert: 'Price alert', failover: 'Failover', test: 'Test' } as const;

function deliveryText(item: NotificationView): string {
  if (item.state === 'sent')
    return item.via === 'outbox'
      ? 'kept in your outbox'
      : `sent ${item.sentAt ? formatTime(item.sentAt) : ''}`;
  if (item.state === 'retrying')
    return `try ${item.attempts} failed: ${item.lastError}; next try ${item.nextAttemptAt ? formatTime(item.nextAttemptAt) : 'soon'}`;
  if (item.state === 'failed') return `failed: ${item.lastError ?? 'unknown reason'}`;
  return item.state === 'sending' ? 'sending now' : 'waiting to be sent';
}

/** A message's link as a path in this app, whatever address the message was written for. */
function inAppPath(link: string | null): string | null {
  if (!link) return null;
  try {
    const path = new URL(link, 'http://app.invalid').pathname;
    return path.startsWith('/machines/') ? path : null;
  } catch {
    return null;
  }
}

export function NotificationItem({ notification: item }: { notification: NotificationView }) {
  // No SMTP server: the message was written to the outbox, not delivered anywhere.
  const kept = item.state === 'sent' && item.via === 'outbox';
  return (
    <li className="space-y-1 p-3" data-notification-id={item.id} data-channel={item.channel}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded bg-slate-100 px-2 py-0.5 font-medium text-slate-700">
          {channelLabel[item.channel]}
        </span>
        <span
          className={`rounded px-2 py-0.5 font-medium ${kept ? 'bg-slate-100 text-slate-700' : stateStyle[item.state]}`}
          data-testid="notification-state"
        >
          {kept ? 'in outbox' : item.state}
        </span>
        <span className="text-slate-500">
          {kindLabel[item.kind]} · {formatTime(item.createdAt)}
        </span>
      </div>
      <div className="font-medium" data-testid="notification-title">
        {item.title}
      </div>
      <p className="text-sm text-slate-700" data-testid="notification-body">
        {item.body}
      </p>
      <p
        className={`text-xs ${item.state === 'failed' ? 'text-rose-700' : 'text-slate-500'}`}
        data-testid="notification-delivery"
      >
        {deliveryText(item)}
      </p>
      {item.offer ? (
        <Link href={`/offers/${item.offer.id}`} className="text-sm text-indigo-700 underline">
          Rent the {item.offer.gpuCount}× {item.offer.gpuModel} in {item.offer.location} on{' '}
          {providerName(item.offer.provider)}
        </Link>
      ) : (
        item.kind === 'failover' &&
        inAppPath(item.link) && (
          <Link href={inAppPath(item.link)!} className="text-sm text-indigo-700 underline">
            Open the machine
          </Link>
        )
      )}
    </li>
  );
}

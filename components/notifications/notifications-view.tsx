'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/lib/client/api';
import type { NotificationView } from '@/lib/notify/list-notifications';
import { NotificationItem } from './notification-item';
import { queryStatus } from '@/components/ui/query-status';

type Answer = { notifications: NotificationView[]; email: { mode: string; detail: string } };

/** Every message sent to the user, with its delivery state; email kept in-app when no SMTP. */
export function NotificationsView() {
  const [filter, setFilter] = useState<'all' | 'outbox'>('all');
  const answer = useQuery({
    queryKey: ['notifications'],
    queryFn: () => apiFetch<Answer>('/api/notifications'),
    refetchInterval: 5_000,
  });

  if (!answer.isSuccess) return queryStatus(answer, 'your notifications');

  const outboxMode = answer.data.email.mode === 'outbox';
  const shown = answer.data.notifications.filter(
    (item) => filter === 'all' || item.via === 'outbox',
  );

  return (
    <div className="space-y-4">
      {outboxMode && (
        <p
          role="status"
          className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900"
        >
          {answer.data.email.detail}
        </p>
      )}
      {outboxMode && (
        <nav className="flex gap-1 text-sm" aria-label="Show">
          {(['all', 'outbox'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={filter === option}
              onClick={() => setFilter(option)}
              className={`rounded px-3 py-1 ${filter === option ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-200'}`}
            >
              {option === 'all' ? 'All notifications' : 'Email outbox'}
            </button>
          ))}
        </nav>
      )}
      {shown.length === 0 ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
          {filter === 'outbox'
            ? 'Your outbox is empty.'
            : 'Nothing sent yet. Create a price alert and messages will show here.'}
        </p>
      ) : (
        <ul
          aria-label={filter === 'outbox' ? 'Email outbox' : 'Notifications'}
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        >
          {shown.map((item) => (
            <NotificationItem key={item.id} notification={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

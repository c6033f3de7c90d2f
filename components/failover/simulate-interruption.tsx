'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/lib/client/api';

/** Quick start only: ask the simulated provider to take this GPU back after a notice. */
export function SimulateInterruption({ rentalId, onDone }: { rentalId: string; onDone(): void }) {
  const [noticeSeconds, setNoticeSeconds] = useState(30);
  const simulate = useMutation({
    mutationFn: () =>
      apiFetch(`/api/rentals/${rentalId}/simulate-interruption`, {
        method: 'POST',
        body: JSON.stringify({ noticeSeconds }),
      }),
    onSuccess: onDone,
  });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1">
        Notice
        <select
          aria-label="Notice before the take-back"
          value={noticeSeconds}
          onChange={(event) => setNoticeSeconds(Number(event.target.value))}
          className="rounded border border-slate-300 px-2 py-1"
        >
          <option value={30}>30 s</option>
          <option value={60}>1 min</option>
          <option value={120}>2 min</option>
          <option value={0}>none</option>
        </select>
      </label>
      <button
        type="button"
        disabled={simulate.isPending}
        onClick={() => simulate.mutate()}
        className="rounded border border-amber-400 bg-amber-50 px-3 py-1 font-medium text-amber-800 hover:bg-amber-100 disabled:opacity-60"
      >
        Simulate interruption
      </button>
      {simulate.isError && (
        <span role="alert" className="text-rose-700">
          {simulate.error.message}
        </span>
      )}
    </div>
  );
}

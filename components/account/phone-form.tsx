'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountView } from '@/lib/account/account-view';
import { ApiError, apiFetch } from '@/lib/client/api';
import { card, field, fieldError, primary } from './styles';

/** The number SMS price alerts go to, in international (E.164) format. */
export function PhoneForm({ initial }: { initial: string | null }) {
  const [phone, setPhone] = useState(initial ?? '');
  const save = useMutation({
    mutationFn: (value: string | null) =>
      apiFetch<{ account: AccountView }>('/api/account', {
        method: 'PATCH',
        body: JSON.stringify({ phone: value }),
      }),
    onSuccess: ({ account }) => setPhone(account.phone ?? ''),
  });
  const error = save.error instanceof ApiError ? save.error : null;

  return (
    <form
      className={card}
      aria-label="Phone number"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(phone.trim() === '' ? null : phone);
      }}
    >
      <h2 className="text-lg font-semibold">Phone number for SMS</h2>
      <label className="block text-sm font-medium">
        Phone number
        <input
          name="phone"
          type="tel"
          autoComplete="tel"
          placeholder="+14155550123"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          aria-invalid={error?.fields.phone ? true : undefined}
          className={field}
        />
        {error?.fields.phone ? (
          <span className={fieldError}>Phone number {error.fields.phone}</span>
        ) : (
          <span className="mt-1 block text-xs font-normal text-slate-500">
            International format with the country code. Leave empty to remove it.
          </span>
        )}
      </label>
      {error && !error.fields.phone && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      )}
      <button type="submit" disabled={save.isPending} className={primary}>
        {save.isPending ? 'Saving…' : 'Save phone number'}
      </button>
    </form>
  );
}

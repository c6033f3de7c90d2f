'use client';

import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { ApiError, apiFetch } from '@/lib/client/api';
import { card, field, fieldError, primary } from './styles';

export function PasswordForm() {
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiFetch<{ changed: true }>('/api/account/password', {
        method: 'POST',
        body: JSON.stringify(body),
      }),
  });
  const error = change.error instanceof ApiError ? change.error : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    change.mutate(
      {
        currentPassword: String(data.get('currentPassword')),
        newPassword: String(data.get('newPassword')),
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form className={card} aria-label="Change password" onSubmit={submit}>
      <h2 className="text-lg font-semibold">Change password</h2>
      <label className="block text-sm font-medium">
        Current password
        <input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          className={field}
        />
        {error?.fields.currentPassword && (
          <span className={fieldError}>Current password {error.fields.currentPassword}</span>
        )}
      </label>
      <label className="block text-sm font-medium">
        New password
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          className={field}
        />
        {error?.fields.newPassword && (
          <span className={fieldError}>New password {error.fields.newPassword}</span>
        )}
      </label>
      {error && Object.keys(error.fields).length === 0 && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      {change.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          Password changed. Your other devices were signed out.
        </p>
      )}
      <button type="submit" disabled={change.isPending} className={primary}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

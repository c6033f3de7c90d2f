'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, apiFetch } from '@/lib/client/api';
import { field, fieldError } from './styles';

/** Deleting stops every machine and removes all data, so it asks for the password or email. */
export function DeleteAccountForm() {
  const [confirmation, setConfirmation] = useState('');
  const remove = useMutation({
    mutationFn: () =>
      apiFetch<{ deleted: true }>('/api/account', {
        method: 'DELETE',
        body: JSON.stringify({ confirmation }),
      }),
    onSuccess: () => window.location.assign('/'),
  });
  const error = remove.error instanceof ApiError ? remove.error : null;

  return (
    <form
      className="space-y-3 rounded-lg border border-rose-200 bg-white p-5"
      aria-label="Delete my account"
      onSubmit={(event) => {
        event.preventDefault();
        remove.mutate();
      }}
    >
      <h2 className="text-lg font-semibold text-rose-800">Delete my account</h2>
      <p className="text-sm text-slate-600">
        Every machine you still run is terminated at its provider, then your rentals and settings
        are deleted. This cannot be undone.
      </p>
      <label className="block text-sm font-medium">
        Type your password or your email to confirm
        <input
          name="confirmation"
          type="password"
          autoComplete="off"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          className={field}
        />
        {error?.fields.confirmation && (
          <span className={fieldError}>The confirmation {error.fields.confirmation}</span>
        )}
      </label>
      {error && !error.fields.confirmation && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      <button
        type="submit"
        disabled={remove.isPending || confirmation === ''}
        className="rounded bg-rose-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {remove.isPending ? 'Deleting…' : 'Delete my account'}
      </button>
    </form>
  );
}

'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import { signIn, signUp } from '@/lib/client/auth-client';

const copy = {
  'sign-in': {
    title: 'Sign in',
    submit: 'Sign in',
    busy: 'Signing in…',
    other: { text: 'New to Spot Market?', link: 'Create an account', href: '/sign-up' },
    passwordHint: undefined,
  },
  'sign-up': {
    title: 'Create your account',
    submit: 'Create account',
    busy: 'Creating your account…',
    other: { text: 'Already have an account?', link: 'Sign in', href: '/sign-in' },
    passwordHint: 'At least 8 characters.',
  },
} as const;

/** Email + password form for signing in or up; afterwards the visitor lands on `next`. */
export function CredentialsForm({ mode, next }: { mode: 'sign-in' | 'sign-up'; next: string }) {
  const text = copy[mode];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      await (mode === 'sign-in' ? signIn(email, password) : signUp(email, password));
      // A full load, so every server-rendered part (the nav bar too) sees the new session.
      window.location.assign(next);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Something went wrong; try again.');
      setBusy(false);
    }
  }

  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  const field =
    'mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none';

  return (
    <section className="mx-auto max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-semibold">{text.title}</h1>
      <form className="space-y-3" onSubmit={submit} aria-label={text.title}>
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" autoComplete="email" required className={field} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            minLength={mode === 'sign-up' ? 8 : undefined}
            required
            className={field}
          />
          {text.passwordHint && (
            <span className="mt-1 block text-xs font-normal text-slate-500">
              {text.passwordHint}
            </span>
          )}
        </label>
        {error && (
          <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded bg-indigo-600 px-3 py-2 text-sm font-medium text-white disabled:opacity-60"
        >
          {busy ? text.busy : text.submit}
        </button>
      </form>
      <p className="text-sm text-slate-600">
        {text.other.text}{' '}
        <Link href={`${text.other.href}${nextQuery}`} className="text-indigo-700 underline">
          {text.other.link}
        </Link>
      </p>
    </section>
  );
}

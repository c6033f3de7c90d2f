'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { signOut } from '@/lib/client/auth-client';
import { shortenEmail } from '@/lib/client/format';

const links = [
  { href: '/', label: 'Market', match: ['/markets', '/offers'] },
  { href: '/machines', label: 'Machines', match: ['/machines'] },
  { href: '/alerts', label: 'Alerts', match: ['/alerts'] },
  { href: '/notifications', label: 'Notifications', match: ['/notifications'] },
  { href: '/settings/notifications', label: 'Settings', match: ['/settings'] },
];

export function NavBar({ user }: { user: { email: string } | null }) {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);

  async function leave() {
    setSigningOut(true);
    await signOut().catch(() => undefined);
    window.location.assign('/');
  }

  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3" aria-label="Main">
        <Link href="/" className="font-semibold text-slate-900">
          Spot Market
        </Link>
        {links.map((link) => {
          const active = pathname === link.href || link.match.some((prefix) => pathname.startsWith(prefix));
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? 'page' : undefined}
              className={
                active ? 'font-medium text-indigo-700' : 'text-slate-600 hover:text-slate-900'
              }
            >
              {link.label}
            </Link>
          );
        })}
        <div className="ml-auto flex items-center gap-4 text-sm">
          {user ? (
            <>
              <span className="text-slate-500" title={user.email} data-testid="signed-in-as">
                {shortenEmail(user.email)}
              </span>
              <Link
                href="/account"
                aria-current={pathname === '/account' ? 'page' : undefined}
                className={
                  pathname === '/account'
                    ? 'font-medium text-indigo-700'
                    : 'text-slate-600 hover:text-slate-900'
                }
              >
                Account
              </Link>
              <button
                type="button"
                onClick={leave}
                disabled={signingOut}
                className="text-slate-600 hover:text-slate-900 disabled:opacity-60"
              >
                Sign out
              </button>
            </>
          ) : (
            <Link
              href={
                pathname.startsWith('/sign-')
                  ? '/sign-in'
                  : `/sign-in?next=${encodeURIComponent(pathname)}`
              }
              className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white"
            >
              Sign in
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}

'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  { href: '/', label: 'Market', match: ['/markets', '/offers'] },
  { href: '/machines', label: 'Machines', match: ['/machines'] },
  { href: '/alerts', label: 'Alerts', match: ['/alerts'] },
  { href: '/notifications', label: 'Notifications', match: ['/notifications'] },
  { href: '/settings/notifications', label: 'Settings', match: ['/settings'] },
];

export function NavBar() {
  const pathname = usePathname();
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
              className={active ? 'font-medium text-indigo-700' : 'text-slate-600 hover:text-slate-900'}
            >
              {link.label}
            </Link>
          );
        })}
      </nav>
    </header>
  );
}

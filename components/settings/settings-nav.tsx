'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const sections = [
  { href: '/settings/failover', label: 'Failover' },
  { href: '/settings/notifications', label: 'Notifications' },
  { href: '/account', label: 'Account' },
];

/** The settings area's own navigation, beside each settings page. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 text-sm md:flex-col">
      {sections.map((section) => {
        const active = pathname.startsWith(section.href);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded px-3 py-1.5 ${active ? 'bg-indigo-50 font-medium text-indigo-700' : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}

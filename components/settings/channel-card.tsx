import type { ReactNode } from 'react';

/** One channel on Settings → Notifications: its name, a status badge, and what it says. */
export function ChannelCard({
  title,
  ok,
  badge,
  children,
}: {
  title: string;
  ok: boolean;
  badge: string;
  children: ReactNode;
}) {
  return (
    <section
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      aria-label={title}
    >
      <div className="flex items-center gap-2">
        <h2 className="text-base font-medium">{title}</h2>
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${ok ? 'bg-emerald-100 text-emerald-800' : 'bg-rose-100 text-rose-800'}`}
        >
          {badge}
        </span>
      </div>
      {children}
    </section>
  );
}

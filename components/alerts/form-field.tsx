import type { ReactNode } from 'react';

/** A labelled control with the error the API gave for it. */
export function FormField({
  label,
  id,
  error,
  children,
}: {
  label: string;
  id: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <span className="text-rose-600">{error}</span>}
    </div>
  );
}

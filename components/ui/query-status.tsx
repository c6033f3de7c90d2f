import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * What a page shows while its data loads or when it failed:
 * `if (!query.isSuccess) return queryStatus(query, 'your machines');`.
 */
export function queryStatus(query: UseQueryResult<unknown>, what: string): ReactNode | null {
  if (query.isPending)
    return (
      <p role="status" className="text-slate-500">
        Loading {what}…
      </p>
    );
  if (query.isError)
    return (
      <p role="alert" className="text-rose-700">
        Could not load {what}: {query.error.message}
      </p>
    );
  return null;
}

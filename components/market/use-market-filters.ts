'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

export const filterKeys = [
  'gpu',
  'minVram',
  'maxPrice',
  'region',
  'reliability',
  'provider',
  'sort',
  'order',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/**
 * The market's filters live in the URL: a shared link opens the same view and Back undoes the
 * last change. Every change pushes a history entry.
 */
export function useMarketFilters() {
  const params = useSearchParams();
  const pathname = usePathname();

  const filters = useMemo(() => {
    const result: Filters = {};
    for (const key of filterKeys) {
      const value = params.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [params]);

  const setFilters = useCallback(
    (changes: Filters) => {
      // Read the address bar, not `params`: two quick changes must not undo each other while
      // the first is still being rendered.
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      // The page renders per request (CSP nonces); the offers come from the API, so a filter
      // change only needs a history entry, which Next.js syncs into useSearchParams.
      window.history.pushState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );

  const queryString = useMemo(() => {
    const query = new URLSearchParams();
    for (const key of filterKeys) if (filters[key]) query.set(key, filters[key]);
    return query.toString();
  }, [filters]);

  return { filters, setFilters, queryString };
}

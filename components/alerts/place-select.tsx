'use client';

import type { MarketCatalog } from '@/lib/market/market-catalog';

interface Props {
  id: string;
  className: string;
  catalog: MarketCatalog | undefined;
  value: string;
  onChange(value: string): void;
}

/** Anywhere, a region, or a finer location, as the market lists them. */
export function PlaceSelect({ id, className, catalog, value, onChange }: Props) {
  return (
    <select
      id={id}
      className={className}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">Anywhere</option>
      {catalog && (
        <>
          <optgroup label="Regions">
            {catalog.regions.map((region) => (
              <option key={region}>{region}</option>
            ))}
          </optgroup>
          <optgroup label="Locations">
            {catalog.locations.map(({ location }) => (
              <option key={location}>{location}</option>
            ))}
          </optgroup>
        </>
      )}
      {value &&
        catalog &&
        !catalog.regions.includes(value) &&
        !catalog.locations.some((row) => row.location === value) && <option>{value}</option>}
    </select>
  );
}

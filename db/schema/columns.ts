import { numeric, timestamp } from 'drizzle-orm/pg-core';

/** Money per hour: exact decimals in the database, numbers in TypeScript. */
export const price = (name: string) => numeric(name, { precision: 12, scale: 5, mode: 'number' });

/** The price columns keep five decimals: a price with more would be silently rounded. */
export const fitsPriceColumn = (value: number) =>
  Math.abs(Math.round(value * 100_000) - value * 100_000) < 1e-6;

/** A moment, always with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

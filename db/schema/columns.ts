import { numeric, timestamp } from 'drizzle-orm/pg-core';

/** Money per hour: exact decimals in the database, numbers in TypeScript. */
export const price = (name: string) => numeric(name, { precision: 12, scale: 5, mode: 'number' });

/** A moment, always with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, price } from './columns';
import { offers } from './market';
import { users } from './users';

export const notificationChannels = ['email', 'push', 'sms'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export type PriceAlertState = 'armed' | 'fired';

/**
 * A price alert: GPU model, a bound per GPU-hour, an optional region or location (at most one),
 * and the channels to tell. `crossing` counts how often it fired; it is part of every
 * notification's key, so each crossing is told once per channel.
 */
export const priceAlerts = pgTable(
  'price_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    gpuModel: text('gpu_model').notNull(),
    maxPricePerGpuHour: price('max_price_per_gpu_hour').notNull(),
    region: text('region'),
    location: text('location'),
    channels: text('channels').array().$type<NotificationChannel[]>().notNull(),
    state: text('state').$type<PriceAlertState>().notNull().default('armed'),
    crossing: integer('crossing').notNull().default(0),
    pausedAt: at('paused_at'),
    lastFiredAt: at('last_fired_at'),
    lastFiredPricePerGpuHour: price('last_fired_price_per_gpu_hour'),
    lastFiredOfferId: uuid('last_fired_offer_id').references(() => offers.id, {
      onDelete: 'set null',
    }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('price_alerts_user').on(t.userId, t.createdAt),
    index('price_alerts_active')
      .on(t.gpuModel)
      .where(sql`paused_at is null`),
    check('price_alerts_one_place', sql`region is null or location is null`),
    check('price_alerts_state', sql`state in ('armed', 'fired')`),
    check(
      'price_alerts_channels',
      sql`cardinality(channels) >= 1 and channels <@ array['email', 'push', 'sms']::text[]`,
    ),
    check('price_alerts_bound', sql`max_price_per_gpu_hour > 0`),
  ],
);

import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './columns';
import type { NotificationChannel } from './alerts';
import { priceAlerts } from './alerts';
import { offers } from './market';
import { rentals } from './rentals';
import { users } from './users';

export type NotificationKind = 'price_alert' | 'failover' | 'test';
export type NotificationState = 'queued' | 'sending' | 'sent' | 'retrying' | 'failed';
/** How a sent notification left: the in-app outbox stands in for email without SMTP. */
export type NotificationVia = 'smtp' | 'outbox' | 'web-push' | 'twilio';

/**
 * One message on one channel. The row is written before anything is sent, under a unique key
 * (`<dedupe key>:<channel>`), and delivery moves it through its states; `attempts` counts tries.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NotificationKind>().notNull(),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    offerId: uuid('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    alertId: uuid('alert_id').references(() => priceAlerts.id, { onDelete: 'set null' }),
    rentalId: uuid('rental_id').references(() => rentals.id, { onDelete: 'set null' }),
    state: text('state').$type<NotificationState>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    claimedUntil: at('claimed_until'),
    lastError: text('last_error'),
    via: text('via').$type<NotificationVia>(),
    providerMessageId: text('provider_message_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    failedAt: at('failed_at'),
  },
  (t) => [
    index('notifications_user_time').on(t.userId, t.createdAt),
    index('notifications_due')
      .on(t.nextAttemptAt)
      .where(sql`state in ('queued', 'retrying')`),
    index('notifications_sending')
      .on(t.claimedUntil)
      .where(sql`state = 'sending'`),
    check('notifications_channel', sql`channel in ('email', 'push', 'sms')`),
    check('notifications_state', sql`state in ('queued', 'sending', 'sent', 'retrying', 'failed')`),
  ],
);

/** A browser that agreed to receive web push for a user. The endpoint is the device's address. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSuccessAt: at('last_success_at'),
  },
  (t) => [index('push_subscriptions_user').on(t.userId)],
);

/**
 * Which subscriptions a push notification already reached, so a retry after a partial failure
 * (one device answered, another timed out) pushes only to the devices still missing it.
 */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    deliveredAt: at('delivered_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.subscriptionId] })],
);

/** The server's VAPID key pair when the environment gives none: generated once, kept here. */
export const vapidKeys = pgTable(
  'vapid_keys',
  {
    id: integer('id').primaryKey().default(1),
    publicKey: text('public_key').notNull(),
    privateKey: text('private_key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [check('vapid_keys_single_row', sql`id = 1`)],
);

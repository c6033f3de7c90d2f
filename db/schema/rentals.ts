import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, price } from './columns';
import { offers } from './market';
import { users } from './users';

export const rentalStates = [
  'provisioning',
  'running',
  'interrupted',
  'on_standby',
  'restoring',
  'terminated',
] as const;
export type RentalState = (typeof rentalStates)[number];

/** A machine a user rented. Its work may move between machines (GPU, standby, GPU again). */
export const rentals = pgTable(
  'rentals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id),
    provider: text('provider').notNull(),
    gpuModel: text('gpu_model').notNull(),
    gpuCount: integer('gpu_count').notNull(),
    region: text('region').notNull(),
    location: text('location').notNull(),
    spotPricePerHour: price('spot_price_per_hour').notNull(),
    onDemandPricePerHour: price('on_demand_price_per_hour').notNull(),
    state: text('state').$type<RentalState>().notNull().default('provisioning'),
    failoverOverrides: jsonb('failover_overrides').$type<Record<string, unknown>>(),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    startedAt: at('started_at'),
    noticeAt: at('notice_at'),
    interruptedAt: at('interrupted_at'),
    endedAt: at('ended_at'),
  },
  (t) => [index('rentals_user').on(t.userId, t.createdAt), index('rentals_active').on(t.state)],
);

/**
 * The machines that carried a rental, in order: the GPU it started on, a CPU standby while no
 * GPU was available, the GPU it was restored onto. Cost so far is the sum over these rows.
 */
export const rentalMachines = pgTable(
  'rental_machines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rentalId: uuid('rental_id')
      .notNull()
      .references(() => rentals.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'gpu' | 'standby'>().notNull(),
    provider: text('provider').notNull(),
    machineId: text('machine_id'),
    machineType: text('machine_type'),
    offerId: uuid('offer_id').references(() => offers.id),
    pricePerHour: price('price_per_hour').notNull(),
    startedAt: at('started_at').notNull().defaultNow(),
    endedAt: at('ended_at'),
    interruptedAt: at('interrupted_at'),
  },
  (t) => [
    index('rental_machines_rental').on(t.rentalId, t.startedAt),
    index('rental_machines_offer_window').on(t.offerId, t.startedAt, t.endedAt),
  ],
);

import { index, jsonb, numeric, pgSchema, text } from 'drizzle-orm/pg-core';
import { at } from './columns';

/**
 * The simulated provider's own state, kept apart from ours in its own schema: it stands for a
 * remote system, so the app reads it only through the provider adapter.
 */
export const simulator = pgSchema('simulator');

export const simMachines = simulator.table(
  'machines',
  {
    id: text('id').primaryKey(),
    offerExternalId: text('offer_external_id'),
    kind: text('kind').$type<'gpu' | 'standby'>().notNull().default('gpu'),
    machineType: text('machine_type').notNull(),
    /** The caller's key for this machine: asking again with it answers the same machine. */
    idempotencyKey: text('idempotency_key').unique(),
    pricePerHour: numeric('price_per_hour', { precision: 12, scale: 5, mode: 'number' }),
    /** What the machine boots with (its agent's identity and settings), as a cloud passes env. */
    bootEnv: jsonb('boot_env').$type<Record<string, string>>(),
    createdAt: at('created_at').notNull().defaultNow(),
    runningAt: at('running_at').notNull(),
    noticeAt: at('notice_at'),
    interruptAt: at('interrupt_at'),
    terminatedAt: at('terminated_at'),
  },
  (t) => [index('sim_machines_offer').on(t.offerExternalId)],
);

/** A price forced onto simulated offers (quick start "push the price" tool and tests). */
export const simPriceOverrides = simulator.table('price_overrides', {
  offerExternalId: text('offer_external_id').primaryKey(),
  spotPricePerGpuHour: numeric('spot_price_per_gpu_hour', {
    precision: 12,
    scale: 5,
    mode: 'number',
  }).notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, price } from './columns';

/** One rentable GPU configuration at one provider and location, with its latest prices. */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    marketId: text('market_id').notNull(),
    gpuModel: text('gpu_model').notNull(),
    gpuCount: integer('gpu_count').notNull(),
    vramGb: integer('vram_gb').notNull(),
    region: text('region').notNull(),
    location: text('location').notNull(),
    country: text('country'),
    city: text('city'),
    spotPricePerHour: price('spot_price_per_hour').notNull(),
    onDemandPricePerHour: price('on_demand_price_per_hour').notNull(),
    spotPricePerGpuHour: price('spot_price_per_gpu_hour')
      .notNull()
      .generatedAlwaysAs(sql`round(spot_price_per_hour / gpu_count, 5)`),
    onDemandPricePerGpuHour: price('on_demand_price_per_gpu_hour')
      .notNull()
      .generatedAlwaysAs(sql`round(on_demand_price_per_hour / gpu_count, 5)`),
    available: boolean('available').notNull().default(true),
    availableCount: integer('available_count').notNull().default(1),
    providerReliability: doublePrecision('provider_reliability'),
    interruptionRate24h: doublePrecision('interruption_rate_24h'),
    meanTimeToInterruptionHours: doublePrecision('mean_time_to_interruption_hours'),
    reliabilityClass: text('reliability_class').$type<'high' | 'medium' | 'low'>(),
    observedRentals24h: integer('observed_rentals_24h').notNull().default(0),
    indicatorsAt: at('indicators_at'),
    firstSeenAt: at('first_seen_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    lastSnapshotAt: at('last_snapshot_at'),
    /** `feed`: from a provider poll; `file`: from a saved answer, a dated view that is never live. */
    source: text('source').$type<'feed' | 'file'>().notNull().default('feed'),
  },
  (t) => [
    uniqueIndex('offers_provider_external_id').on(t.provider, t.externalId),
    index('offers_price').on(t.available, t.spotPricePerGpuHour, t.id),
    index('offers_gpu_price').on(t.gpuModel, t.available, t.spotPricePerGpuHour, t.id),
    index('offers_region_price').on(t.region, t.available, t.spotPricePerGpuHour, t.id),
    index('offers_location_price').on(t.location, t.available, t.spotPricePerGpuHour, t.id),
    // Availability sorts most first, then cheapest: the index holds that order as it is.
    index('offers_availability').on(
      t.available,
      t.availableCount.desc().nullsFirst(),
      t.spotPricePerGpuHour,
      t.id,
    ),
    index('offers_gpu_availability').on(
      t.gpuModel,
      t.available,
      t.availableCount.desc().nullsFirst(),
      t.spotPricePerGpuHour,
      t.id,
    ),
    index('offers_region_availability').on(
      t.region,
      t.available,
      t.availableCount.desc().nullsFirst(),
      t.spotPricePerGpuHour,
      t.id,
    ),
    index('offers_location_availability').on(
      t.location,
      t.available,
      t.availableCount.desc().nullsFirst(),
      t.spotPricePerGpuHour,
      t.id,
    ),
    index('offers_market').on(t.marketId),
  ],
);

/** A market: every offer sharing GPU model and region, with indicators over all of them. */
export const markets = pgTable('markets', {
  id: text('id').primaryKey(),
  gpuModel: text('gpu_model').notNull(),
  region: text('region').notNull(),
  interruptionRate24h: doublePrecision('interruption_rate_24h'),
  meanTimeToInterruptionHours: doublePrecision('mean_time_to_interruption_hours'),
  reliabilityClass: text('reliability_class').$type<'high' | 'medium' | 'low'>(),
  observedRentals24h: integer('observed_rentals_24h').notNull().default(0),
  indicatorsAt: at('indicators_at'),
});

/** A price observed at a time: the history behind charts and alerts. */
export const priceSnapshots = pgTable(
  'price_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    marketId: text('market_id').notNull(),
    observedAt: at('observed_at').notNull(),
    spotPricePerHour: price('spot_price_per_hour').notNull(),
    onDemandPricePerHour: price('on_demand_price_per_hour').notNull(),
    spotPricePerGpuHour: price('spot_price_per_gpu_hour').notNull(),
    onDemandPricePerGpuHour: price('on_demand_price_per_gpu_hour').notNull(),
    available: boolean('available').notNull(),
  },
  (t) => [
    index('price_snapshots_offer_time').on(t.offerId, t.observedAt),
    index('price_snapshots_market_time').on(t.marketId, t.observedAt),
  ],
);

/**
 * Rentals the provider lets us observe beyond our own (the simulated market publishes every
 * machine it hands out). Our users' rentals are read from `rentals` directly.
 */
export const marketRentals = pgTable(
  'market_rentals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    startedAt: at('started_at').notNull(),
    endedAt: at('ended_at'),
    noticeAt: at('notice_at'),
    interruptedAt: at('interrupted_at'),
  },
  (t) => [
    uniqueIndex('market_rentals_offer_external').on(t.offerId, t.externalId),
    index('market_rentals_window').on(t.offerId, t.startedAt, t.endedAt),
    index('market_rentals_interrupted').on(t.interruptedAt),
  ],
);

/** Health of each provider feed: what the worker last saw and when it will try again. */
export const providerStatus = pgTable('provider_status', {
  provider: text('provider').primaryKey(),
  lastAttemptAt: at('last_attempt_at'),
  lastSuccessAt: at('last_success_at'),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  nextAttemptAt: at('next_attempt_at'),
  offerCount: integer('offer_count').notNull().default(0),
});

/** One row per poll, so overlapping or repeated polls are visible and testable. */
export const providerPolls = pgTable(
  'provider_polls',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    provider: text('provider').notNull(),
    workerId: text('worker_id').notNull(),
    startedAt: at('started_at').notNull(),
    finishedAt: at('finished_at'),
    outcome: text('outcome').$type<'running' | 'succeeded' | 'failed'>().notNull(),
    offerCount: integer('offer_count'),
    error: text('error'),
  },
  (t) => [index('provider_polls_provider_time').on(t.provider, t.startedAt)],
);

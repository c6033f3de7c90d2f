import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at } from './columns';
import type { FailoverChannel, StandbyTypeId } from '../../lib/failover/settings/options';
import { rentals } from './rentals';
import { users } from './users';

export {
  failoverChannels,
  standbyTypeIds,
  type FailoverChannel,
  type StandbyTypeId,
} from '../../lib/failover/settings/options';

/** A user's failover settings; a rental may override any of them (`rentals.failover_overrides`). */
export const failoverSettings = pgTable('failover_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  standbyType: text('standby_type').$type<StandbyTypeId>().notNull().default('e2-standard-4'),
  autoRestore: boolean('auto_restore').notNull().default(true),
  checkpointIntervalMinutes: integer('checkpoint_interval_minutes').notNull().default(30),
  channels: text('channels')
    .array()
    .$type<FailoverChannel[]>()
    .notNull()
    .default(['email', 'push']),
  /** Null: the rental's own spot price per GPU-hour. */
  restoreMaxPricePerGpuHour: numeric('restore_max_price_per_gpu_hour', {
    precision: 12,
    scale: 5,
    mode: 'number',
  }),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export type AgentRole = 'primary' | 'standby' | 'restore-target';

/**
 * The agent on one machine: its id and the secret it signs with, given to the machine at boot.
 * `boot_key` names why the machine exists, so a retried boot reuses the same identity.
 */
export const machineAgents = pgTable(
  'machine_agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bootKey: text('boot_key').notNull().unique(),
    secret: text('secret').notNull(),
    rentalId: uuid('rental_id')
      .notNull()
      .references(() => rentals.id, { onDelete: 'cascade' }),
    role: text('role').$type<AgentRole>().notNull(),
    provider: text('provider'),
    machineId: text('machine_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at'),
  },
  (t) => [index('machine_agents_machine').on(t.machineId)],
);

/** Nonces of signed agent requests seen lately: a request sent twice is refused. */
export const agentNonces = pgTable(
  'agent_nonces',
  {
    agentId: uuid('agent_id').notNull(),
    nonce: text('nonce').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.nonce] }),
    index('agent_nonces_time').on(t.receivedAt),
  ],
);

export type AgentCommandKind = 'checkpoint' | 'restore';
export type AgentCommandState = 'queued' | 'dispatched' | 'succeeded' | 'failed' | 'abandoned';

/** Work asked of an agent, under a unique key so a retried step never asks twice. */
export const agentCommands = pgTable(
  'agent_commands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull().unique(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => machineAgents.id, { onDelete: 'cascade' }),
    runId: uuid('run_id'),
    kind: text('kind').$type<AgentCommandKind>().notNull(),
    args: jsonb('args').$type<Record<string, unknown>>().notNull(),
    state: text('state').$type<AgentCommandState>().notNull().default('queued'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    createdAt: at('created_at').notNull().defaultNow(),
    dispatchedAt: at('dispatched_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [index('agent_commands_agent_state').on(t.agentId, t.state)],
);

/** Complete checkpoints of a rental's workspace in object storage, as agents reported them. */
export const failoverCheckpoints = pgTable(
  'failover_checkpoints',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    rentalId: uuid('rental_id')
      .notNull()
      .references(() => rentals.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id'),
    seq: integer('seq').notNull(),
    manifestKey: text('manifest_key').notNull().unique(),
    reason: text('reason').notNull(),
    takenAt: at('taken_at').notNull(),
    files: integer('files').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    uploadedFiles: integer('uploaded_files').notNull(),
    uploadedBytes: bigint('uploaded_bytes', { mode: 'number' }).notNull(),
    recordedAt: at('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('failover_checkpoints_rental').on(t.rentalId, t.seq)],
);

export const failoverRunStates = [
  'running',
  'on_standby',
  'restoring',
  'restored',
  'failed',
  'cancelled',
] as const;
export type FailoverRunState = (typeof failoverRunStates)[number];
/** A run in one of these is still under way: a worker may drive it, and it may still end. */
export const activeRunStates: FailoverRunState[] = ['running', 'on_standby', 'restoring'];

/**
 * One failover run per interrupted GPU machine: detect → sync → standby → notify → restore.
 * The lease says which worker drives it now; a lease that runs out lets another worker resume.
 */
export const failoverRuns = pgTable(
  'failover_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rentalId: uuid('rental_id')
      .notNull()
      .references(() => rentals.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    gpuProvider: text('gpu_provider').notNull(),
    gpuMachineId: text('gpu_machine_id').notNull(),
    state: text('state').$type<FailoverRunState>().notNull().default('running'),
    detectedVia: text('detected_via').$type<'webhook' | 'polling'>().notNull(),
    noticeAt: at('notice_at').notNull(),
    interruptAt: at('interrupt_at'),
    detectedAt: at('detected_at').notNull(),
    startedAt: at('started_at'),
    standbyServingAt: at('standby_serving_at'),
    restoredAt: at('restored_at'),
    finishedAt: at('finished_at'),
    checkpointKey: text('checkpoint_key'),
    checkpointSeq: integer('checkpoint_seq'),
    checkpointTakenAt: at('checkpoint_taken_at'),
    checkpointFallback: boolean('checkpoint_fallback').notNull().default(false),
    standbyMachineId: text('standby_machine_id'),
    restoreMachineId: text('restore_machine_id'),
    error: text('error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: at('lease_until'),
    nextAttemptAt: at('next_attempt_at'),
  },
  (t) => [
    uniqueIndex('failover_runs_gpu_machine').on(t.gpuProvider, t.gpuMachineId),
    index('failover_runs_rental').on(t.rentalId, t.detectedAt),
    index('failover_runs_state').on(t.state),
  ],
);

export const failoverStepNames = ['detect', 'sync', 'standby', 'notify', 'restore'] as const;
export type FailoverStepName = (typeof failoverStepNames)[number];
export type FailoverStepState =
  'pending' | 'running' | 'retrying' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export interface FailoverStepError {
  at: string;
  attempt: number;
  message: string;
}

/** One step of a run: when it ran, how often, what it made (ids, keys, bytes) and what failed. */
export const failoverSteps = pgTable(
  'failover_steps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid('run_id')
      .notNull()
      .references(() => failoverRuns.id, { onDelete: 'cascade' }),
    step: text('step').$type<FailoverStepName>().notNull(),
    state: text('state').$type<FailoverStepState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    startedAt: at('started_at'),
    lastAttemptAt: at('last_attempt_at'),
    finishedAt: at('finished_at'),
    outcome: text('outcome'),
    output: jsonb('output').$type<Record<string, unknown>>().notNull().default({}),
    errors: jsonb('errors').$type<FailoverStepError[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('failover_steps_run_step').on(t.runId, t.step)],
);

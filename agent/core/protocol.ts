import { z } from 'zod';

/**
 * The agent ↔ control plane protocol. Every request is a JSON body signed with the machine's
 * secret (see sign-request.ts) and carries a fresh nonce, so a captured request cannot be replayed.
 */
const envelope = {
  agentId: z.uuid(),
  nonce: z.string().min(16).max(100),
  sentAt: z.iso.datetime(),
};

export const noticeSources = ['gce', 'aws', 'simulated', 'manual'] as const;

export const noticeEvent = z.strictObject({
  ...envelope,
  event: z.literal('notice'),
  source: z.enum(noticeSources),
  noticeAt: z.iso.datetime(),
  /** When the provider takes the machine back, where it says (AWS does; GCE gives 30 s). */
  interruptAt: z.iso.datetime().nullable(),
});

export const checkpointResult = z.object({
  manifestKey: z.string().min(1),
  seq: z.number().int().positive(),
  takenAt: z.iso.datetime(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  uploadedFiles: z.number().int().nonnegative(),
  uploadedBytes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type CheckpointReport = z.infer<typeof checkpointResult>;

export const checkpointEvent = z.strictObject({
  ...envelope,
  event: z.literal('checkpoint'),
  reason: z.string().min(1).max(40),
  checkpoint: checkpointResult,
});

export const agentEvent = z.discriminatedUnion('event', [noticeEvent, checkpointEvent]);
export type AgentEvent = z.infer<typeof agentEvent>;

export const restoreResult = z.object({
  manifestKey: z.string().min(1),
  seq: z.number().int().positive(),
  takenAt: z.iso.datetime(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  downloadedFiles: z.number().int().nonnegative(),
  downloadedBytes: z.number().int().nonnegative(),
  removedFiles: z.number().int().nonnegative(),
  verifiedDigest: z.string().regex(/^[0-9a-f]{64}$/),
  durationMs: z.number().nonnegative(),
});
export type RestoreReport = z.infer<typeof restoreResult>;

export const checkpointArgs = z.object({
  reason: z.enum(['notice', 'handover', 'manual']),
  label: z.string().min(1).max(120),
  /** The last checkpoint before this machine hands over: no interval checkpoints after it. */
  final: z.boolean().default(false),
});
export const restoreArgs = z.object({
  manifestKey: z.string().min(1),
  seq: z.number().int().positive(),
});

export const agentCommand = z.discriminatedUnion('kind', [
  z.object({ id: z.uuid(), kind: z.literal('checkpoint'), args: checkpointArgs }),
  z.object({ id: z.uuid(), kind: z.literal('restore'), args: restoreArgs }),
]);
export type AgentCommand = z.infer<typeof agentCommand>;

export const commandOutcome = z.union([
  z.object({ commandId: z.uuid(), ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
  z.object({ commandId: z.uuid(), ok: z.literal(false), error: z.string().max(2000) }),
]);
export type CommandOutcome = z.infer<typeof commandOutcome>;

export const commandsExchange = z.strictObject({
  ...envelope,
  outcomes: z.array(commandOutcome).max(50),
});
export type CommandsExchange = z.infer<typeof commandsExchange>;

export const agentConfig = z.object({
  /** Zero: no interval checkpoints (failover is off for the rental). */
  checkpointIntervalSeconds: z.number().int().nonnegative(),
});
export type AgentConfig = z.infer<typeof agentConfig>;

export const commandsAnswer = z.object({
  commands: z.array(agentCommand),
  config: agentConfig,
});
export type CommandsAnswer = z.infer<typeof commandsAnswer>;

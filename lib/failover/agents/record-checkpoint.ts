import type { CheckpointReport } from '@/agent/core/protocol';
import type { Db } from '@/db/client';
import { failoverCheckpoints } from '@/db/schema';

/** Notes a complete checkpoint (reported by the agent, or read back by a step) once by key. */
export async function recordCheckpoint(
  db: Db,
  input: { rentalId: string; agentId: string | null; reason: string; checkpoint: CheckpointReport },
): Promise<void> {
  const { checkpoint } = input;
  await db
    .insert(failoverCheckpoints)
    .values({
      rentalId: input.rentalId,
      agentId: input.agentId,
      seq: checkpoint.seq,
      manifestKey: checkpoint.manifestKey,
      reason: input.reason,
      takenAt: new Date(checkpoint.takenAt),
      files: checkpoint.files,
      bytes: checkpoint.bytes,
      uploadedFiles: checkpoint.uploadedFiles,
      uploadedBytes: checkpoint.uploadedBytes,
    })
    .onConflictDoNothing({ target: failoverCheckpoints.manifestKey });
}

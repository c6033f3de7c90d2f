import { lt } from 'drizzle-orm';
import { z } from 'zod';
import { SIGNATURE_TOLERANCE_SECONDS } from '@/agent/core/sign-request';
import { agentNonces } from '@/db/schema';
import { defineJob } from './job';

/**
 * Forgets agents' nonces once their signatures are too old to be accepted anyway: a replay of
 * such a request is refused by its timestamp, so the nonce no longer needs remembering.
 */
export const pruneAgentNoncesJob = defineJob({
  name: 'prune-agent-nonces',
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 2 },
  schedule: { cron: '*/10 * * * *', data: {} },
  async handle(_payload, { db, clock, logger }) {
    const before = new Date(clock.now().getTime() - 2 * SIGNATURE_TOLERANCE_SECONDS * 1_000);
    const removed = await db.delete(agentNonces).where(lt(agentNonces.receivedAt, before));
    logger.debug({ nonces_removed: removed.rowCount ?? 0 }, 'agent_nonces_pruned');
  },
});

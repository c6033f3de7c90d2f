import { lt } from 'drizzle-orm';
import { z } from 'zod';
import { sessions, verifications } from '@/db/schema';
import { pruneRateLimits } from '@/lib/auth/consume-rate-limit';
import { defineJob } from './job';

/** Forgets expired sessions and tokens, and rate-limit windows that ended a day ago. */
export const pruneAuthJob = defineJob({
  name: 'prune-auth',
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 2 },
  schedule: { cron: '41 * * * *', data: {} },
  async handle(_payload, { db, clock, logger }) {
    const now = clock.now();
    const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now));
    await db.delete(verifications).where(lt(verifications.expiresAt, now));
    await pruneRateLimits(db, now);
    logger.debug({ sessions_removed: expiredSessions.rowCount ?? 0 }, 'auth_pruned');
  },
});

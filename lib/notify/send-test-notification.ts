import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { notificationChannels } from '@/db/schema';
import { consumeRateLimit } from '@/lib/auth/consume-rate-limit';
import { rateLimited } from '@/lib/errors';
import { queueNotifications } from './queue-notifications';

export const testNotificationInput = z.strictObject({
  channel: z.enum(notificationChannels, { message: 'must be email, push or sms' }),
});

// A test goes to whatever address or number the account holds, which nobody has verified: a
// few a quarter-hour is plenty for checking a channel and too few to spam anyone through us.
const TEST_LIMIT = { windowSeconds: 15 * 60, max: 5 };

/**
 * Queues a test message on one channel. The worker's sweep sends it within seconds, and the
 * Notifications page shows how it went (sent, or failed with the reason).
 */
export async function sendTestNotification(
  db: Db,
  userId: string,
  input: z.infer<typeof testNotificationInput>,
  options: { appUrl: string; now: Date },
) {
  const limit = await consumeRateLimit(db, `notify-test:${userId}`, TEST_LIMIT, options.now);
  if (!limit.allowed) {
    throw rateLimited('Too many test messages', limit.retryAfterSeconds, options.now);
  }

  const link = `${options.appUrl}/notifications`;
  const [queued] = await queueNotifications(db, {
    userId,
    kind: 'test',
    dedupeKey: `test:${userId}:${randomUUID()}`,
    channels: [input.channel],
    title: 'Test notification from Spot Market',
    body: `Test message on your ${input.channel} channel: price alerts will reach you here. See them all: ${link}`,
    link,
    now: options.now,
  });
  return { id: queued!.id, channel: queued!.channel, state: 'queued' as const };
}

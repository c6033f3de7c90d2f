import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { pushSubscriptions } from '@/db/schema';
import { invalid, notFound } from '@/lib/errors';
import { checkPushEndpoint, PushEndpointError, type EndpointPolicy } from './push-endpoint';

const base64url = (length: { min: number; max: number }) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be URL-safe base64')
    .min(length.min)
    .max(length.max);

/** What the browser's PushSubscription.toJSON() gives, as the Settings page posts it. */
export const pushSubscriptionInput = z.object({
  endpoint: z.string().max(2_000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: base64url({ min: 80, max: 100 }),
    auth: base64url({ min: 16, max: 32 }),
  }),
  userAgent: z.string().max(300).optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

export const pushUnsubscribeInput = z.strictObject({ endpoint: z.string().max(2_000) });

/**
 * Keeps a device's subscription for the user. The endpoint is checked first (https, public
 * addresses only). A device that re-subscribes, or moves to another account, keeps one row.
 */
export async function savePushSubscription(
  db: Db,
  userId: string,
  input: PushSubscriptionInput,
  policy: EndpointPolicy = {},
): Promise<{ id: string }> {
  try {
    await checkPushEndpoint(input.endpoint, policy);
  } catch (error) {
    if (error instanceof PushEndpointError)
      throw invalid('Push subscription refused', { endpoint: error.message });
    throw error;
  }

  const values = {
    userId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    userAgent: input.userAgent ?? null,
  };
  const [row] = await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
    .returning({ id: pushSubscriptions.id });
  return row!;
}

export async function deletePushSubscription(
  db: Db,
  userId: string,
  endpoint: string,
): Promise<void> {
  const deleted = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  if (deleted.length === 0) throw notFound('Push subscription');
}

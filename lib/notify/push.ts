import { and, eq, notExists, sql } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '@/db/client';
import { pushDeliveries, pushSubscriptions } from '@/db/schema';
import { DeliveryError, type ChannelAdapter, type OutgoingMessage } from './channel';
import { checkPushEndpoint, guardedAgent, type EndpointPolicy } from './push-endpoint';
import type { VapidDetails } from './vapid-keys';

export interface PushSettings {
  db: Db;
  vapid: () => Promise<VapidDetails>;
  /** Test push endpoints on 127.0.0.1 with their own certificate; never set by the app. */
  endpointPolicy?: EndpointPolicy & { ca?: string | Buffer };
}

type Subscription = typeof pushSubscriptions.$inferSelect;
type Outcome = { ok: true } | { ok: false; gone: boolean; permanent: boolean; reason: string };

/**
 * Web push to every device the user enabled. A device is pushed to once per notification
 * (recorded in push_deliveries), so a retry after a partial failure reaches only the devices
 * still missing it. Devices the push service no longer knows (404/410) are forgotten.
 */
export function createPushChannel(settings: PushSettings): ChannelAdapter {
  const { db } = settings;
  const policy = settings.endpointPolicy ?? {};
  const agent = guardedAgent(policy);

  async function pushTo(
    subscription: Subscription,
    payload: string,
    message: OutgoingMessage,
  ): Promise<Outcome> {
    try {
      await checkPushEndpoint(subscription.endpoint, policy);
      const vapid = await settings.vapid();
      await webpush.sendNotification(
        {
          endpoint: subscription.endpoint,
          keys: { p256dh: subscription.p256dh, auth: subscription.auth },
        },
        payload,
        {
          vapidDetails: {
            subject: vapid.subject,
            publicKey: vapid.publicKey,
            privateKey: vapid.privateKey,
          },
          contentEncoding: 'aes128gcm',
          TTL: 6 * 3600,
          urgency: 'high',
          // Same topic for the same notification: a push service replaces rather than repeats.
          topic: message.notificationId.replaceAll('-', ''),
          agent,
          timeout: 15_000,
        },
      );
      return { ok: true };
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const gone = status === 404 || status === 410;
      const permanent =
        gone || (status !== undefined && status >= 400 && status < 500 && status !== 429);
      const reason = status ? `push service answered ${status}` : (error as Error).message;
      return {
        ok: false,
        gone,
        permanent: permanent || (error instanceof Error && error.name === 'PushEndpointError'),
        reason,
      };
    }
  }

  return {
    channel: 'push',

    async status() {
      await settings.vapid();
      return {
        channel: 'push',
        available: true,
        mode: 'web-push',
        detail: 'Web push to the devices you enable.',
      };
    },

    async send(message) {
      const userId = message.recipient.userId;
      const all = await db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, userId));
      if (all.length === 0) {
        throw new DeliveryError(
          'No device has push enabled: enable it under Settings → Notifications',
          true,
        );
      }
      const pending = await db
        .select()
        .from(pushSubscriptions)
        .where(
          and(
            eq(pushSubscriptions.userId, userId),
            notExists(
              db
                .select({ one: sql`1` })
                .from(pushDeliveries)
                .where(
                  and(
                    eq(pushDeliveries.notificationId, message.notificationId),
                    eq(pushDeliveries.subscriptionId, pushSubscriptions.id),
                  ),
                ),
            ),
          ),
        );

      const payload = JSON.stringify({
        title: message.title,
        body: message.body,
        url: message.link,
        tag: message.notificationId,
      });
      const outcomes = await Promise.all(
        pending.map(async (subscription) => {
          const outcome = await pushTo(subscription, payload, message);
          if (outcome.ok) {
            await db
              .insert(pushDeliveries)
              .values({ notificationId: message.notificationId, subscriptionId: subscription.id })
              .onConflictDoNothing();
            await db
              .update(pushSubscriptions)
              .set({ lastSuccessAt: new Date() })
              .where(eq(pushSubscriptions.id, subscription.id));
          } else if (outcome.gone) {
            await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
          }
          return outcome;
        }),
      );

      const reached = all.length - pending.length + outcomes.filter((outcome) => outcome.ok).length;
      const failures = outcomes.filter(
        (outcome): outcome is Extract<Outcome, { ok: false }> => !outcome.ok,
      );
      const retryable = failures.filter((failure) => !failure.permanent);
      if (retryable.length > 0) {
        throw new DeliveryError(
          `Reached ${reached} of ${all.length} devices; ${retryable[0]!.reason}`,
          false,
        );
      }
      if (reached === 0) {
        const gone = failures.every((failure) => failure.gone);
        throw new DeliveryError(
          gone
            ? 'Push subscription expired (the push service no longer knows this device): enable push again'
            : `Push refused: ${failures[0]?.reason}`,
          true,
        );
      }
      return { via: 'web-push', providerMessageId: `${reached} device${reached === 1 ? '' : 's'}` };
    },
  };
}

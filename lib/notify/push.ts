import { and, eq, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pushDeliveries, pushSubscriptions } from '@/db/schema';
import { DeliveryError, type ChannelAdapter } from './channel';
import type { EndpointPolicy } from './push-endpoint';
import { devicePusher, type PushOutcome } from './push-to-device';
import type { VapidDetails } from './vapid-keys';

export interface PushSettings {
  db: Db;
  vapid: () => Promise<VapidDetails>;
  /** Test push endpoints on 127.0.0.1 with their own certificate; never set by the app. */
  endpointPolicy?: EndpointPolicy & { ca?: string | Buffer };
}

/**
 * Web push to every device the user enabled. A device is pushed to once per notification
 * (recorded in push_deliveries), so a retry after a partial failure reaches only the devices
 * still missing it. Devices the push service no longer knows (404/410) are forgotten.
 */
export function createPushChannel(settings: PushSettings): ChannelAdapter {
  const { db } = settings;
  const pushTo = devicePusher(settings.vapid, settings.endpointPolicy ?? {});

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
          const outcome = await pushTo(subscription, payload, message.notificationId);
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
        (outcome): outcome is Extract<PushOutcome, { ok: false }> => !outcome.ok,
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

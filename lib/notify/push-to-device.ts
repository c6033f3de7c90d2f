import webpush from 'web-push';
import type { pushSubscriptions } from '@/db/schema';
import {
  checkPushEndpoint,
  guardedAgent,
  PushEndpointError,
  type EndpointPolicy,
} from './push-endpoint';
import type { VapidDetails } from './vapid-keys';

type Subscription = typeof pushSubscriptions.$inferSelect;
export type PushOutcome =
  { ok: true } | { ok: false; gone: boolean; permanent: boolean; reason: string };

/**
 * Sends one encrypted web push (aes128gcm, signed with the VAPID key) to one device, after
 * checking its endpoint again; the agent re-checks every address it connects to. Returns what
 * happened rather than throwing, so one device's failure does not hide another's success.
 */
export function devicePusher(
  vapid: () => Promise<VapidDetails>,
  policy: EndpointPolicy & { ca?: string | Buffer },
): (subscription: Subscription, payload: string, notificationId: string) => Promise<PushOutcome> {
  const agent = guardedAgent(policy);
  return async (subscription, payload, notificationId) => {
    try {
      await checkPushEndpoint(subscription.endpoint, policy);
      const keys = await vapid();
      await webpush.sendNotification(
        {
          endpoint: subscription.endpoint,
          keys: { p256dh: subscription.p256dh, auth: subscription.auth },
        },
        payload,
        {
          vapidDetails: {
            subject: keys.subject,
            publicKey: keys.publicKey,
            privateKey: keys.privateKey,
          },
          contentEncoding: 'aes128gcm',
          TTL: 6 * 3600,
          urgency: 'high',
          // Same topic for the same notification: a push service replaces rather than repeats.
          topic: notificationId.replaceAll('-', ''),
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
        permanent: permanent || error instanceof PushEndpointError,
        reason,
      };
    }
  };
}

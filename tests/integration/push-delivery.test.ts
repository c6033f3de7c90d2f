import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, pushSubscriptions } from '@/db/schema';
import { ManualClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createChannels, vapidLoader } from '@/lib/notify/channels';
import { deliverNotification } from '@/lib/notify/deliver-notification';
import { queueNotifications } from '@/lib/notify/queue-notifications';
import { savePushSubscription } from '@/lib/notify/push-subscriptions';
import { createUser } from '../support/alert-fixtures';
import { startPushStandIn, type PushStandIn } from '../support/push-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let pushService: PushStandIn;
const clock = new ManualClock(Date.parse('2026-06-01T12:00:00Z'));
const env = getEnv({ NODE_ENV: 'test', APP_URL: 'https://spot.example' });

beforeAll(async () => {
  database = await createTestDatabase();
  pushService = await startPushStandIn();
  await createUser(database.db, 'carol');
});
afterAll(async () => {
  await pushService?.stop();
  await database.drop();
});

// The push endpoint is on 127.0.0.1 with its own certificate: the test says so explicitly.
const policy = () => ({ allowLoopback: true, ca: pushService.ca });
const deps = () => ({
  db: database.db,
  clock,
  logger,
  channels: createChannels(database.db, env, { push: { endpointPolicy: policy() } }),
});
const queue = (dedupeKey: string) =>
  queueNotifications(database.db, {
    userId: 'carol',
    kind: 'price_alert',
    dedupeKey,
    channels: ['push'],
    title: 'H100 at $1.900/GPU-h in US-West',
    body: 'H100 is at $1.900 per GPU-hour in US-West (US) on simulated. Rent it: https://spot.example/offers/7',
    link: 'https://spot.example/offers/7',
    now: clock.now(),
  });

describe('web push delivery', () => {
  it('encrypts the message for each device (RFC 8291) and signs it with the stored VAPID key', async () => {
    const phone = pushService.device('phone');
    const laptop = pushService.device('laptop');
    for (const device of [phone, laptop]) {
      await savePushSubscription(
        database.db,
        'carol',
        { ...device.subscription, userAgent: 'test' },
        policy(),
      );
    }
    const [queued] = await queue('push:1');

    const result = await deliverNotification(deps(), queued!.id);
    expect(result).toMatchObject({
      outcome: 'sent',
      receipt: { via: 'web-push', providerMessageId: '2 devices' },
    });
    expect(pushService.received.map((push) => push.path).sort()).toEqual([
      '/push/laptop',
      '/push/phone',
    ]);
    const vapid = await vapidLoader(database.db, env)();
    for (const push of pushService.received) {
      expect(push.payload).toEqual({
        title: 'H100 at $1.900/GPU-h in US-West',
        body: 'H100 is at $1.900 per GPU-hour in US-West (US) on simulated. Rent it: https://spot.example/offers/7',
        url: 'https://spot.example/offers/7',
        tag: queued!.id,
      });
      expect(push.headers['content-encoding']).toBe('aes128gcm');
      expect(push.vapidValid).toBe(true);
      expect(push.vapidPublicKey).toBe(vapid.publicKey);
    }
    expect(vapid.source).toBe('database');

    expect(await deliverNotification(deps(), queued!.id)).toEqual({ outcome: 'skipped' });
    expect(pushService.received).toHaveLength(2);
  });

  it('forgets a device the push service answers 410 for', async () => {
    pushService.answer('laptop', 410);
    const before = pushService.received.length;
    const [queued] = await queue('push:2');

    expect(await deliverNotification(deps(), queued!.id)).toMatchObject({
      outcome: 'sent',
      receipt: { providerMessageId: '1 device' },
    });
    expect(pushService.received.slice(before).map((push) => push.path)).toEqual(['/push/phone']);
    const left = await database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, 'carol'));
    expect(left.map((row) => row.endpoint)).toEqual([`${pushService.origin}/push/phone`]);
  });

  it('retries only the device that failed, then fails plainly when no device is left', async () => {
    pushService.answer('phone', 503);
    const [queued] = await queue('push:3');
    expect(await deliverNotification(deps(), queued!.id)).toMatchObject({
      outcome: 'retrying',
      reason: 'Reached 0 of 1 devices; push service answered 503',
    });

    pushService.answer('phone', 410);
    clock.advance(60_000);
    expect(await deliverNotification(deps(), queued!.id)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^Push subscription expired/),
    });

    const [next] = await queue('push:4');
    expect(await deliverNotification(deps(), next!.id)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^No device has push enabled/),
    });
    const rows = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, 'carol'));
    expect(rows.filter((row) => row.state === 'failed')).toHaveLength(2);
  });

  it('refuses to push to an endpoint on this machine unless the caller allows loopback', async () => {
    const device = pushService.device('sneaky');
    await expect(
      savePushSubscription(database.db, 'carol', device.subscription),
    ).rejects.toMatchObject({
      code: 'invalid',
      fields: { endpoint: 'resolves to a loopback address' },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createChannels } from '@/lib/notify/channels';
import { deliverNotification } from '@/lib/notify/deliver-notification';
import { queueNotifications } from '@/lib/notify/queue-notifications';
import { NO_PHONE, SMS_NOT_CONFIGURED } from '@/lib/notify/sms';
import { createUser } from '../support/alert-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';

const account = { sid: `AC${'1f'.repeat(16)}`, token: 'test-auth-token-0123456789' };
let database: TestDatabase;
let twilioApi: TwilioStandIn;
const clock = new ManualClock(Date.parse('2026-06-01T12:00:00Z'));
const body =
  'A100 40GB is at $0.990 per GPU-hour in EU-West (EU) on simulated, at or below your $1.00 alert. Rent it: https://spot.example/offers/9';

beforeAll(async () => {
  database = await createTestDatabase();
  twilioApi = await startTwilioStandIn(account);
  await createUser(database.db, 'dave', { phone: '+14155550123' });
  await createUser(database.db, 'erin');
});
afterAll(async () => {
  await twilioApi?.stop();
  await database.drop();
});

const configured = () =>
  createChannels(
    database.db,
    getEnv({
      NODE_ENV: 'test',
      TWILIO_ACCOUNT_SID: account.sid,
      TWILIO_AUTH_TOKEN: account.token,
      TWILIO_FROM: '+15005550006',
    }),
    { sms: { httpClient: twilioApi.httpClient } },
  );
const deliver = async (userId: string, dedupeKey: string, channels = configured()) => {
  const [queued] = await queueNotifications(database.db, {
    userId,
    kind: 'price_alert',
    dedupeKey,
    channels: ['sms'],
    title: 'A100 40GB at $0.990/GPU-h in EU-West',
    body,
    link: 'https://spot.example/offers/9',
    now: clock.now(),
  });
  return deliverNotification({ db: database.db, clock, logger, channels }, queued!.id);
};

describe('SMS delivery through the twilio client', () => {
  it('posts To, From and Body with the account credentials', async () => {
    expect(await deliver('dave', 'sms:1')).toMatchObject({
      outcome: 'sent',
      receipt: { via: 'twilio', providerMessageId: expect.stringMatching(/^SM/) },
    });
    expect(twilioApi.received).toEqual([
      {
        path: `/2010-04-01/Accounts/${account.sid}/Messages.json`,
        credentials: `${account.sid}:${account.token}`,
        params: { To: '+14155550123', From: '+15005550006', Body: body },
      },
    ]);
  });

  it.each([
    ['an invalid number (400) fails at once', 400, 'failed'],
    ['a Twilio outage (503) is retried', 503, 'retrying'],
  ] as const)('%s', async (_name, status, outcome) => {
    twilioApi.fail(status);
    const result = await deliver('dave', `sms:${status}`);
    expect(result).toMatchObject({
      outcome,
      reason: expect.stringContaining('Twilio error 21211'),
    });
    twilioApi.fail(null);
  });

  it('fails with a clear reason when the account has no phone number', async () => {
    const before = twilioApi.received.length;
    expect(await deliver('erin', 'sms:no-phone')).toEqual({ outcome: 'failed', reason: NO_PHONE });
    expect(twilioApi.received).toHaveLength(before);
  });

  it('records a failure saying SMS is not configured instead of dropping the message', async () => {
    const unconfigured = createChannels(database.db, getEnv({ NODE_ENV: 'test' }));
    expect(await unconfigured.get('sms')!.status()).toMatchObject({
      available: false,
      detail: SMS_NOT_CONFIGURED,
    });
    expect(await deliver('dave', 'sms:off', unconfigured)).toEqual({
      outcome: 'failed',
      reason: SMS_NOT_CONFIGURED,
    });
  });
});

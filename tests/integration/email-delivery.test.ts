import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { ManualClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createChannels } from '@/lib/notify/channels';
import {
  deliverNotification,
  MAX_ATTEMPTS,
  RETRY_DELAYS_SECONDS,
} from '@/lib/notify/deliver-notification';
import { queueNotifications } from '@/lib/notify/queue-notifications';
import { createUser } from '../support/alert-fixtures';
import { startSmtpStandIn, type SmtpStandIn } from '../support/smtp-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let smtp: SmtpStandIn;
const clock = new ManualClock(Date.parse('2026-06-01T12:00:00Z'));
const line =
  'RTX 4090 is at $0.300 per GPU-hour in US-East (US) on simulated, at or below your $0.350 alert. Rent it: https://spot.example/offers/1';

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpStandIn();
  await createUser(database.db, 'alice', { email: 'alice@example.test' });
});
afterAll(async () => {
  await smtp?.stop();
  await database.drop();
});

const deps = (smtpUrl?: string) => ({
  db: database.db,
  clock,
  logger,
  channels: createChannels(
    database.db,
    getEnv({
      NODE_ENV: 'test',
      SMTP_URL: smtpUrl,
      EMAIL_FROM: smtpUrl && 'Spot Market <alerts@spot.example>',
    }),
  ),
});
const queue = (dedupeKey: string) =>
  queueNotifications(database.db, {
    userId: 'alice',
    kind: 'price_alert',
    dedupeKey,
    channels: ['email'],
    title: 'RTX 4090 at $0.300/GPU-h in US-East',
    body: line,
    link: 'https://spot.example/offers/1',
    now: clock.now(),
  });
const rowOf = async (id: string) =>
  (await database.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;

describe('email delivery over SMTP', () => {
  it('sends the one-line message to the account address, once', async () => {
    const [queued] = await queue('mail:1');
    expect(await queue('mail:1')).toEqual([]);

    const result = await deliverNotification(deps(smtp.url), queued!.id);
    expect(result).toMatchObject({ outcome: 'sent', receipt: { via: 'smtp' } });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('alerts@spot.example');
    expect(mail.to).toEqual(['alice@example.test']);
    expect(mail.headers.subject).toBe('RTX 4090 at $0.300/GPU-h in US-East');
    expect(mail.headers['message-id']).toBe(`<notification-${queued!.id}@spot-market>`);
    expect(mail.text.trim()).toBe(line);
    expect(mail.text).toContain('https://spot.example/offers/1');

    expect(await deliverNotification(deps(smtp.url), queued!.id)).toEqual({ outcome: 'skipped' });
    expect(smtp.received).toHaveLength(1);
    expect(await rowOf(queued!.id)).toMatchObject({
      state: 'sent',
      attempts: 1,
      via: 'smtp',
      lastError: null,
    });
  });

  it('retries a temporary refusal with back-off, then ends failed with the server reason', async () => {
    smtp.refuseWith(451, 'Mailbox busy, try later');
    const [queued] = await queue('mail:2');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await deliverNotification(deps(smtp.url), queued!.id);
      const row = await rowOf(queued!.id);
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(result).toMatchObject({
          outcome: 'retrying',
          retryInSeconds: RETRY_DELAYS_SECONDS[attempt - 1],
        });
        expect(row.state).toBe('retrying');
        // Not due yet: a job arriving early claims nothing.
        expect(await deliverNotification(deps(smtp.url), queued!.id)).toEqual({
          outcome: 'skipped',
        });
        clock.advance(RETRY_DELAYS_SECONDS[attempt - 1]! * 1_000);
      } else {
        expect(result.outcome).toBe('failed');
        expect(row.state).toBe('failed');
      }
    }
    expect((await rowOf(queued!.id)).lastError).toMatch(/^SMTP: 451 .*Mailbox busy, try later/);
    smtp.refuseWith(null);
  });

  it('ends a permanent refusal at once', async () => {
    smtp.refuseWith(550, 'No such mailbox');
    const [queued] = await queue('mail:3');
    expect(await deliverNotification(deps(smtp.url), queued!.id)).toMatchObject({
      outcome: 'failed',
    });
    expect(await rowOf(queued!.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/550 .*No such mailbox/),
    });
    smtp.refuseWith(null);
  });

  it('keeps the message in the in-app outbox when SMTP is not configured', async () => {
    const before = smtp.received.length;
    const [queued] = await queue('mail:4');
    expect(await deliverNotification(deps(), queued!.id)).toMatchObject({
      outcome: 'sent',
      receipt: { via: 'outbox' },
    });
    expect(smtp.received).toHaveLength(before);
    expect(await rowOf(queued!.id)).toMatchObject({ state: 'sent', via: 'outbox', body: line });
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, priceAlerts } from '@/db/schema';
import { evaluatePriceAlerts } from '@/lib/alerts/evaluate-alerts';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createChannels } from '@/lib/notify/channels';
import { INTERRUPTED_REASON } from '@/lib/notify/sweep-notifications';
import { deliverNotificationJob } from '@/workers/jobs/deliver-notification';
import { sweepNotificationsJob } from '@/workers/jobs/sweep-notifications';
import { startWorker, type RunningWorker } from '@/workers/start-worker';
import { createUser, ingestOffers } from '../support/alert-fixtures';
import { startSmtpStandIn, type SmtpStandIn } from '../support/smtp-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let smtp: SmtpStandIn;
const workers: RunningWorker[] = [];
const ALERTS = 25;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpStandIn();
  await createUser(database.db, 'frank', { email: 'frank@example.test' });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await smtp?.stop();
  await database.drop();
});

const env = () =>
  getEnv({
    NODE_ENV: 'test',
    SMTP_URL: smtp.url,
    EMAIL_FROM: 'alerts@spot.example',
    APP_URL: 'https://spot.example',
  });

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a worker stopped between deciding and sending', () => {
  it('leaves decided notifications that fresh workers deliver exactly once each', async () => {
    const { db } = database;
    const now = new Date();
    await ingestOffers(
      db,
      'crash',
      [{ externalId: 'x', gpuModel: 'L4', pricePerGpuHour: 0.5 }],
      now,
    );
    await db.insert(priceAlerts).values(
      Array.from({ length: ALERTS }, () => ({
        userId: 'frank',
        gpuModel: 'L4',
        maxPricePerGpuHour: 0.3,
        channels: ['email' as const],
      })),
    );
    await ingestOffers(
      db,
      'crash',
      [{ externalId: 'x', gpuModel: 'L4', pricePerGpuHour: 0.2 }],
      new Date(now.getTime() + 1_000),
    );

    // The worker's evaluation commits, then the process dies before it queues any delivery.
    const decided = await evaluatePriceAlerts(db, {
      now: new Date(now.getTime() + 1_000),
      staleAfterSeconds: 120,
      appUrl: 'https://spot.example',
    });
    expect(decided.notificationIds).toHaveLength(ALERTS);
    // Another one died mid-send: its claim expired with the message possibly gone out.
    const [inFlight] = await db
      .insert(notifications)
      .values({
        userId: 'frank',
        kind: 'test',
        channel: 'email',
        dedupeKey: 'test:in-flight:email',
        title: 'In flight',
        body: 'In flight',
        state: 'sending',
        attempts: 1,
        claimedUntil: new Date(Date.now() - 1_000),
      })
      .returning();
    expect(smtp.received).toHaveLength(0);

    // Two fresh workers start at once; each sweeps on start and both work the delivery queue.
    const options = () => ({
      databaseUrl: database.url,
      db,
      env: env(),
      clock: systemClock,
      logger,
      providers: new Map(),
      channels: createChannels(db, env()),
      jobs: [deliverNotificationJob, sweepNotificationsJob],
    });
    workers.push(...(await Promise.all([startWorker(options()), startWorker(options())])));

    await waitFor(async () => {
      const sent = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from notifications where state = 'sent'`,
      );
      return sent.rows[0]!.n === ALERTS;
    });
    // A job sent again for every delivered notification sends nothing more.
    for (const id of decided.notificationIds) {
      await workers[0]!.deps.boss.send(
        'deliver-notification',
        { notificationId: id },
        { singletonKey: id },
      );
    }
    await waitFor(async () => {
      const jobs = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'deliver-notification' and state = 'completed'`,
      );
      return jobs.rows[0]!.n >= ALERTS * 2;
    });

    const messageIds = smtp.received.map((mail) => mail.headers['message-id']);
    expect(messageIds).toHaveLength(ALERTS);
    expect(new Set(messageIds)).toEqual(
      new Set(decided.notificationIds.map((id) => `<notification-${id}@spot-market>`)),
    );
    expect(smtp.received.every((mail) => mail.text.includes('L4 is at $0.200 per GPU-hour'))).toBe(
      true,
    );

    const [ended] = await db.select().from(notifications).where(eq(notifications.id, inFlight!.id));
    expect(ended).toMatchObject({ state: 'failed', lastError: INTERRUPTED_REASON, attempts: 1 });
  });
});

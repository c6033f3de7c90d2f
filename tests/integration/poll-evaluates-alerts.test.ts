import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, priceAlerts } from '@/db/schema';
import { createAlert } from '@/lib/alerts/manage-alerts';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createChannels } from '@/lib/notify/channels';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { deliverNotificationJob } from '@/workers/jobs/deliver-notification';
import { pollProviderJob } from '@/workers/jobs/poll-provider';
import { startWorker, type RunningWorker } from '@/workers/start-worker';
import { createUser } from '../support/alert-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, 'gina');
});
afterAll(async () => {
  await worker?.stop();
  await database.drop();
});

describe('the worker after a price poll', () => {
  it('evaluates alerts and delivers what fired, with no other step', async () => {
    const { db } = database;
    const env = getEnv({ NODE_ENV: 'test', APP_URL: 'https://spot.example' });
    const simulated = new SimulatedProvider({ db, clock: systemClock, seed: 42 });
    const usEast = simulated
      .specs()
      .filter((spec) => spec.gpu.name === 'RTX 4090' && spec.place.location === 'US-East');
    await simulated.overridePrices(
      usEast.map((spec) => spec.externalId),
      0.3,
    );
    // Created before the first poll: a featured GPU and a known location need no offers yet.
    const alert = await createAlert(
      db,
      'gina',
      { gpuModel: 'RTX 4090', maxPricePerGpuHour: 0.35, region: 'US-East', channels: ['email'] },
      new Date(),
    );

    worker = await startWorker({
      databaseUrl: database.url,
      db,
      env,
      clock: systemClock,
      logger,
      providers: new Map([['simulated', simulated]]),
      channels: createChannels(db, env),
      jobs: [pollProviderJob, deliverNotificationJob],
    });

    const deadline = Date.now() + 30_000;
    let sent: (typeof notifications.$inferSelect)[] = [];
    while (Date.now() < deadline) {
      sent = await db.select().from(notifications).where(eq(notifications.alertId, alert.id));
      if (sent.some((row) => row.state === 'sent')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: 'email',
      state: 'sent',
      via: 'outbox',
      title: 'RTX 4090 at $0.300/GPU-h in US-East',
    });
    expect(sent[0]!.link).toMatch(/^https:\/\/spot\.example\/offers\/[0-9a-f-]{36}$/);
    const [fired] = await db.select().from(priceAlerts).where(eq(priceAlerts.id, alert.id));
    expect(fired).toMatchObject({ state: 'fired', crossing: 1, lastFiredPricePerGpuHour: 0.3 });
  });
});

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@/db/client';
import { notifications, priceAlerts, providerStatus } from '@/db/schema';
import { firingsAlong } from '@/lib/alerts/decide-alert';
import { evaluatePriceAlerts, runEvaluation } from '@/lib/alerts/evaluate-alerts';
import { createAlert, updateAlert } from '@/lib/alerts/manage-alerts';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countRows, createUser, ingestOffers } from '../support/alert-fixtures';

// Its own database (cloned from the migrated template) and its own clock, advanced by hand.
let database: TestDatabase;
let time = Date.parse('2026-06-01T00:00:00Z');
const tick = () => new Date((time += 30_000));
const options = () => ({
  now: new Date(time),
  staleAfterSeconds: 120,
  appUrl: 'https://spot.example',
});

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, 'alice');
  await createUser(database.db, 'bob');
});
afterAll(async () => {
  await database.drop();
});

describe('evaluating price alerts in SQL', () => {
  it('follows a price series exactly as the decision rule does, once per crossing', async () => {
    const { db } = database;
    const series = [0.4, 0.35, 0.351, 0.349, 0.356, 0.34, 0.36, 0.33, null, 0.3, 0.4, 0.31];
    await ingestOffers(db, 'series', [{ externalId: 'a', pricePerGpuHour: 0.4 }], tick());
    const alert = await createAlert(
      db,
      'alice',
      {
        gpuModel: 'rtx 4090',
        maxPricePerGpuHour: 0.35,
        region: 'us-east',
        channels: ['email', 'sms'],
      },
      new Date(time),
    );
    expect(alert).toMatchObject({
      gpuModel: 'RTX 4090',
      location: 'US-East',
      region: null,
      state: 'armed',
    });

    const fired: number[] = [];
    for (const [index, price] of series.entries()) {
      await ingestOffers(db, 'series', [{ externalId: 'a', pricePerGpuHour: price }], tick());
      const result = await evaluatePriceAlerts(db, options());
      if (result.fired > 0) fired.push(index);
    }
    expect(fired).toEqual(firingsAlong(0.35, series));

    const rows = await db
      .select()
      .from(notifications)
      .where(eq(notifications.alertId, alert.id))
      .orderBy(notifications.dedupeKey);
    expect(rows.map((row) => row.dedupeKey)).toEqual(
      [1, 2, 3].flatMap((crossing) =>
        ['email', 'sms'].map((channel) => `price-alert:${alert.id}:${crossing}:${channel}`),
      ),
    );
    const [first] = rows;
    expect(first).toMatchObject({
      userId: 'alice',
      kind: 'price_alert',
      state: 'queued',
      title: 'RTX 4090 at $0.350/GPU-h in US-East',
    });
    expect(first!.body).toBe(
      `RTX 4090 is at $0.350 per GPU-hour in US-East (US) on series, at or below your $0.350 alert. Rent it: https://spot.example/offers/${first!.offerId}`,
    );
    expect(first!.link).toBe(`https://spot.example/offers/${first!.offerId}`);
  });

  it('matches the best offer of the alert GPU and place only, and skips paused alerts', async () => {
    const { db } = database;
    const now = tick();
    await ingestOffers(
      db,
      'places',
      [
        { externalId: 'eu', gpuModel: 'H100', at: ['DE', 'Berlin'], pricePerGpuHour: 1.5 },
        { externalId: 'us-west', gpuModel: 'H100', at: ['US', 'Oregon'], pricePerGpuHour: 2.4 },
        {
          externalId: 'us-east-8x',
          gpuModel: 'H100',
          gpuCount: 8,
          at: ['US', 'Virginia'],
          pricePerGpuHour: 2.2,
        },
      ],
      now,
    );
    const make = (region: string | null, bound: number) =>
      createAlert(
        db,
        'bob',
        { gpuModel: 'H100', maxPricePerGpuHour: bound, region, channels: ['push'] },
        now,
      );
    const anywhere = await make(null, 2);
    const us = await make('US', 2.3);
    const usTooLow = await make('US', 2.1);
    const usEast = await make('US-East', 2.2);
    const paused = await make('EU', 2);
    await updateAlert(db, 'bob', paused.id, { paused: true }, now);

    await evaluatePriceAlerts(db, options());
    const states = Object.fromEntries(
      (await db.select().from(priceAlerts).where(eq(priceAlerts.gpuModel, 'H100'))).map((row) => [
        row.id,
        [row.state, row.lastFiredPricePerGpuHour],
      ]),
    );
    expect(states[anywhere.id]).toEqual(['fired', 1.5]);
    expect(states[us.id]).toEqual(['fired', 2.2]);
    expect(states[usTooLow.id]).toEqual(['armed', null]);
    expect(states[usEast.id]).toEqual(['fired', 2.2]);
    expect(states[paused.id]).toEqual(['armed', null]);
  });

  it('ignores stale offers and offers of a failing provider', async () => {
    const { db } = database;
    await ingestOffers(
      db,
      'stale',
      [{ externalId: 's', gpuModel: 'A100 80GB', pricePerGpuHour: 0.5 }],
      new Date(time - 600_000),
    );
    await ingestOffers(
      db,
      'failing',
      [{ externalId: 'f', gpuModel: 'A100 80GB', pricePerGpuHour: 0.5 }],
      tick(),
    );
    await db.insert(providerStatus).values({ provider: 'failing', consecutiveFailures: 2 });
    const alert = await createAlert(
      db,
      'bob',
      { gpuModel: 'A100 80GB', maxPricePerGpuHour: 1, channels: ['email'] },
      new Date(time),
    );

    const result = await evaluatePriceAlerts(db, options());
    expect(result.fired).toBe(0);
    expect(
      (await db.select().from(priceAlerts).where(eq(priceAlerts.id, alert.id)))[0]!.state,
    ).toBe('armed');
  });

  it('two workers evaluating the same drop at once write each notification once', async () => {
    const { db } = database;
    const count = 300;
    await ingestOffers(
      db,
      'race',
      [{ externalId: 'r', gpuModel: 'RTX 3090', pricePerGpuHour: 0.5 }],
      tick(),
    );
    await db.insert(priceAlerts).values(
      Array.from({ length: count }, (_, i) => ({
        userId: i % 2 ? 'alice' : 'bob',
        gpuModel: 'RTX 3090',
        maxPricePerGpuHour: 0.2 + (i % 10) * 0.01,
        channels: ['email', 'push'] as Array<'email' | 'push'>,
      })),
    );
    const second = createDatabase(database.url, { max: 2 });
    try {
      for (const round of [1, 2, 3]) {
        await ingestOffers(
          db,
          'race',
          [{ externalId: 'r', gpuModel: 'RTX 3090', pricePerGpuHour: 0.1 }],
          tick(),
        );
        // The second statement starts (and decides every alert fires) while the first holds
        // its uncommitted changes; without the lock, only the row guard keeps it from writing.
        const results = await Promise.all([
          database.db.transaction(async (tx) => {
            const result = await runEvaluation(tx, options());
            await tx.execute(sql`select pg_sleep(0.4)`);
            return result;
          }),
          second.db.transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.1)`);
            return runEvaluation(tx, options());
          }),
        ]);
        expect(results.map((result) => [result.fired, result.notificationIds.length])).toEqual([
          [count, count * 2],
          [0, 0],
        ]);
        const crossings = await db.execute<{ crossing: number; n: number }>(
          sql`select crossing, count(*)::int as n from price_alerts where gpu_model = 'RTX 3090' group by crossing`,
        );
        expect(crossings.rows).toEqual([{ crossing: round, n: count }]);

        await ingestOffers(
          db,
          'race',
          [{ externalId: 'r', gpuModel: 'RTX 3090', pricePerGpuHour: 0.5 }],
          tick(),
        );
        const rearm = await Promise.all([
          evaluatePriceAlerts(db, options()),
          evaluatePriceAlerts(second.db, options()),
        ]);
        expect(rearm[0]!.rearmed + rearm[1]!.rearmed).toBe(count);
      }
      const keys = sql`dedupe_key like 'price-alert:%' and alert_id in (select id from price_alerts where gpu_model = 'RTX 3090')`;
      expect(await countRows(db, 'notifications', keys)).toBe(count * 2 * 3);
    } finally {
      await second.close();
    }
  });
});

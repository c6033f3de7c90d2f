import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers, priceAlerts } from '@/db/schema';
import { createAlert } from '@/lib/alerts/manage-alerts';
import { evaluatePriceAlerts } from '@/lib/alerts/evaluate-alerts';
import { importMarketSnapshot } from '@/lib/market/import-market-file';
import { offerSearchQuery } from '@/lib/market/offer-query';
import { searchOffers } from '@/lib/market/search-offers';
import { createUser, ingestOffers } from '../support/alert-fixtures';
import { offer } from '../support/seed-offers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const DAY = 86_400_000;

describe('offers from a saved file', () => {
  it('are dated when observed, shown as not live, and never fire a price alert', async () => {
    const now = new Date();
    await createUser(database.db, 'watcher');
    const alert = await createAlert(
      database.db,
      'watcher',
      { gpuModel: 'RTX 4090', maxPricePerGpuHour: 0.35, channels: ['email'] } as never,
      now,
    );

    // Captured seconds ago: fresh by age, yet still not a live price.
    const observedAt = new Date(now.getTime() - 10_000);
    await importMarketSnapshot(
      database.db,
      'filed',
      { offers: [offer({ externalId: 'cheap', spotPricePerHour: 0.1 })], observedRentals: [] },
      observedAt,
    );

    const { offers: shown } = await searchOffers(
      database.db,
      offerSearchQuery.parse({ provider: 'filed' }),
      {
        now,
        staleAfterSeconds: 120,
        rentableProviders: new Set(),
      },
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ source: 'file', stale: true, rentable: false });
    expect(shown[0]!.ageSeconds).toBe(10);

    const result = await evaluatePriceAlerts(database.db, {
      now,
      staleAfterSeconds: 120,
      appUrl: 'http://app.test',
    });
    expect(result.fired).toBe(0);
    const [row] = await database.db.select().from(priceAlerts).where(eq(priceAlerts.id, alert.id));
    expect(row!.state).toBe('armed');
  });

  it('never overwrites a newer price from a live feed', async () => {
    const now = new Date();
    await ingestOffers(database.db, 'both', [{ externalId: 'x', pricePerGpuHour: 0.5 }], now);
    await importMarketSnapshot(
      database.db,
      'both',
      { offers: [offer({ externalId: 'x', spotPricePerHour: 0.2 })], observedRentals: [] },
      new Date(now.getTime() - DAY),
    );

    const [row] = await database.db.select().from(offers).where(eq(offers.provider, 'both'));
    expect(row).toMatchObject({ spotPricePerHour: 0.5, source: 'feed' });
    expect(row!.lastSeenAt.getTime()).toBe(now.getTime());
  });
});

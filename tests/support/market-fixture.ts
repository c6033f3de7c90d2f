import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { offers } from '@/db/schema';
import { POST as rentOffer } from '@/app/api/rentals/route';
import { systemClock } from '@/lib/clock';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { call, type TestUser } from './route-client';

/** Fills the market with the simulated provider's offers as of now (the app rents from it). */
export async function seedMarket(db: Db): Promise<void> {
  const adapter = new SimulatedProvider({ db, clock: systemClock, seed: 42 });
  const deps = {
    db,
    clock: systemClock,
    logger,
    workerId: 'test',
    timeoutMs: 10_000,
    intervalSeconds: 30,
  };
  const outcome = await pollProvider(adapter, deps);
  if (!outcome.ok) throw new Error(`market poll failed: ${outcome.error}`);
}

/** A cheap offer with capacity; its confirmed price leaves room for the price to move a little. */
export async function availableOffer(db: Db) {
  const [offer] = await db
    .select()
    .from(offers)
    .where(and(eq(offers.available, true), eq(offers.gpuCount, 1)))
    .orderBy(asc(offers.spotPricePerHour))
    .limit(1);
  if (!offer) throw new Error('no available offer in the simulated market');
  return {
    offerId: offer.id,
    confirmedPricePerHour: Number((offer.spotPricePerHour * 2).toFixed(4)),
  };
}

/** Rents an offer for the user through the real POST /api/rentals handler. */
export async function rentFor(db: Db, user: TestUser): Promise<string> {
  const answer = await call(rentOffer, {
    method: 'POST',
    path: '/api/rentals',
    cookie: user.cookie,
    body: await availableOffer(db),
  });
  if (answer.status !== 201)
    throw new Error(`rent failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.rental.id as string;
}

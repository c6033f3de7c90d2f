import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers, simMachines, users } from '@/db/schema';
import { ManualClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { simulateInterruption } from '@/lib/failover/simulate-interruption';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createRental } from '@/lib/rentals/create-rental';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Its own database and its own clock: the machine is running only once the clock says so.
let database: TestDatabase;
let rentalId: string;
let machineId: string;
const clock = new ManualClock(Date.parse('2026-04-01T08:00:00Z'));
let provider: SimulatedProvider;

beforeAll(async () => {
  database = await createTestDatabase();
  provider = new SimulatedProvider({ db: database.db, clock, seed: 42, interruptions: false });
  await pollProvider(provider, {
    db: database.db,
    clock,
    logger,
    workerId: 't',
    timeoutMs: 5_000,
    intervalSeconds: 30,
  });
  await database.db
    .insert(users)
    .values({ id: 'owner', name: 'Owner', email: 'owner@example.com' });
  const [offer] = await database.db
    .select()
    .from(offers)
    .where(and(eq(offers.available, true), eq(offers.gpuCount, 1)))
    .limit(1);
  const rental = await createRental(
    { db: database.db, clock, providers: new Map([['simulated', provider]]) },
    'owner',
    {
      offerId: offer!.id,
      confirmedPricePerHour: offer!.spotPricePerHour,
    },
  );
  rentalId = rental.id;
  machineId = rental.machines[0]!.machineId!;
});
afterAll(async () => {
  await database.drop();
});

const quickStart = getEnv({ NODE_ENV: 'development' });
const deps = (env = quickStart) => ({
  db: database.db,
  env,
  providers: new Map([['simulated', provider]]),
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { code: (error as DomainError).code, message: (error as DomainError).message };
}

describe('Simulate interruption', () => {
  it('is refused in production, without the simulated market, for another user and before the GPU runs', async () => {
    const input = { noticeSeconds: 30 };
    expect(
      await refusal(
        simulateInterruption(
          deps(
            getEnv({
              NODE_ENV: 'production',
              APP_URL: 'https://spot.example.com',
              BETTER_AUTH_SECRET: 'x'.repeat(40),
            }),
          ),
          'owner',
          rentalId,
          input,
        ),
      ),
    ).toEqual({
      code: 'forbidden',
      message: 'Simulated interruptions are for the quick start only',
    });
    expect(
      await refusal(
        simulateInterruption(deps(getEnv({ SIM_ENABLED: 'false' })), 'owner', rentalId, input),
      ),
    ).toEqual({
      code: 'forbidden',
      message: 'The simulated market is off',
    });
    expect(
      (await refusal(simulateInterruption(deps(), 'someone-else', rentalId, input))).code,
    ).toBe('not_found');
    expect(await refusal(simulateInterruption(deps(), 'owner', rentalId, input))).toEqual({
      code: 'conflict',
      message: 'The GPU is provisioning, not running',
    });
  });

  it('gives the running GPU the notice asked for', async () => {
    clock.advance(5_000);
    const notice = await simulateInterruption(deps(), 'owner', rentalId, { noticeSeconds: 45 });
    expect(notice).toEqual({
      machineId,
      noticeAt: clock.now(),
      interruptAt: new Date(clock.now().getTime() + 45_000),
    });
    const [machine] = await database.db
      .select()
      .from(simMachines)
      .where(eq(simMachines.id, machineId));
    expect(machine!.interruptAt!.getTime() - machine!.noticeAt!.getTime()).toBe(45_000);
  });
});

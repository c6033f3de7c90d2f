import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offers, rentals, simMachines, users } from '@/db/schema';
import { ManualClock } from '@/lib/clock';
import { DomainError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createRental } from '@/lib/rentals/create-rental';
import { getRental, listRentals } from '@/lib/rentals/list-rentals';
import { syncRentalStates } from '@/lib/rentals/sync-rental-states';
import { terminateRental } from '@/lib/rentals/terminate-rental';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const USER_ID = 'renter';
let database: TestDatabase;
const clock = new ManualClock(Date.parse('2026-04-01T08:00:00Z'));
let provider: SimulatedProvider;
let deps: {
  db: TestDatabase['db'];
  clock: ManualClock;
  providers: Map<string, SimulatedProvider>;
  logger: typeof logger;
};

beforeAll(async () => {
  database = await createTestDatabase();
  // Machines are taken back only when a test says so: the clock jumps an hour at a time.
  provider = new SimulatedProvider({ db: database.db, clock, seed: 42, interruptions: false });
  deps = { db: database.db, clock, providers: new Map([['simulated', provider]]), logger };
  await database.db
    .insert(users)
    .values({ id: USER_ID, name: 'Renter', email: 'renter@example.com' });
  await pollProvider(provider, {
    db: database.db,
    clock,
    logger,
    workerId: 't',
    timeoutMs: 5_000,
    intervalSeconds: 30,
  });
});
afterAll(async () => {
  await database.drop();
});

async function anAvailableOffer() {
  const rows = await database.db.select().from(offers).where(eq(offers.available, true));
  return rows[0]!;
}

async function expectDomainError(promise: Promise<unknown>, code: string, reason?: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (reason) expect((error as DomainError).details?.reason).toBe(reason);
}

describe('rentals', () => {
  it('rents at the provider, follows the machine to running, and terminates it', async () => {
    const offer = await anAvailableOffer();
    const rental = await createRental(deps, USER_ID, {
      offerId: offer.id,
      confirmedPricePerHour: offer.spotPricePerHour,
    });
    expect(rental).toMatchObject({
      state: 'provisioning',
      gpuModel: offer.gpuModel,
      spotPricePerHour: offer.spotPricePerHour,
    });
    expect(rental.machines).toHaveLength(1);
    const [machine] = await database.db
      .select()
      .from(simMachines)
      .where(eq(simMachines.id, rental.machines[0]!.machineId!));
    expect(machine).toBeDefined();

    clock.advance(10_000);
    await syncRentalStates(deps);
    clock.advance(3_600_000);
    const running = await getRental(database.db, USER_ID, rental.id, clock.now());
    expect(running.state).toBe('running');
    expect(running.uptimeSeconds).toBe(3600);
    expect(running.cost.gpu).toBeCloseTo(offer.spotPricePerHour * (3_610 / 3_600), 3);

    const ended = await terminateRental(deps, USER_ID, rental.id);
    expect(ended.state).toBe('terminated');
    expect((await provider.getMachine(machine!.id)).status).toBe('terminated');
    // Terminating again is harmless.
    expect((await terminateRental(deps, USER_ID, rental.id)).state).toBe('terminated');
  });

  it('answers 409 when the price moved above the confirmed one, and rents nothing', async () => {
    const offer = await anAvailableOffer();
    const before = (await listRentals(database.db, USER_ID, clock.now())).length;
    await expectDomainError(
      createRental(deps, USER_ID, {
        offerId: offer.id,
        confirmedPricePerHour: offer.spotPricePerHour - 0.01,
      }),
      'conflict',
      'price_moved',
    );
    expect((await listRentals(database.db, USER_ID, clock.now())).length).toBe(before);
  });

  it('answers 409 when the offer is gone, and 404 for an unknown offer', async () => {
    const offer = await anAvailableOffer();
    await database.db.update(offers).set({ available: false }).where(eq(offers.id, offer.id));
    await expectDomainError(
      createRental(deps, USER_ID, { offerId: offer.id, confirmedPricePerHour: 100 }),
      'conflict',
      'offer_unavailable',
    );
    await database.db.update(offers).set({ available: true }).where(eq(offers.id, offer.id));
    await expectDomainError(
      createRental(deps, USER_ID, {
        offerId: '00000000-0000-4000-8000-000000000000',
        confirmedPricePerHour: 1,
      }),
      'not_found',
    );
  });

  it('ends the rental when the provider takes the machine back, after its notice', async () => {
    const offer = await anAvailableOffer();
    const rental = await createRental(deps, USER_ID, {
      offerId: offer.id,
      confirmedPricePerHour: offer.spotPricePerHour,
    });
    clock.advance(5_000);
    await syncRentalStates(deps);

    await provider.interrupt(rental.machines[0]!.machineId!, 30);
    await syncRentalStates(deps);
    let seen = await getRental(database.db, USER_ID, rental.id, clock.now());
    expect(seen.state).toBe('running');
    expect(seen.noticeAt).toBe(clock.now().toISOString());

    clock.advance(31_000);
    await syncRentalStates(deps);
    seen = await getRental(database.db, USER_ID, rental.id, clock.now());
    expect(seen.state).toBe('interrupted');
    expect(seen.interruptedAt).not.toBeNull();
    const [row] = await database.db.select().from(rentals).where(eq(rentals.id, rental.id));
    expect(row!.endedAt!.getTime() - row!.noticeAt!.getTime()).toBe(30_000);
  });

  it('hides other users’ rentals', async () => {
    const [mine] = await listRentals(database.db, USER_ID, clock.now());
    await expectDomainError(
      getRental(database.db, 'someone-else', mine!.id, clock.now()),
      'not_found',
    );
    expect(await listRentals(database.db, 'someone-else', clock.now())).toEqual([]);
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteAccount, GET as readAccount } from '@/app/api/account/route';
import { rentalMachines, rentals, simMachines, users } from '@/db/schema';
import { useAppDatabase } from '../support/app-database';
import { availableOffer, rentFor, seedMarket } from '../support/market-fixture';
import { call, signIn, signUp } from '../support/route-client';

const database = useAppDatabase();
const db = () => database.current.db;
const me = (cookie: string) => call(readAccount, { path: '/api/account', cookie });

beforeAll(async () => {
  await seedMarket(db());
});

describe('delete my account', () => {
  it('refuses a confirmation that is neither the password nor the email', async () => {
    const user = await signUp('keep');
    const answer = await call(deleteAccount, {
      method: 'DELETE',
      path: '/api/account',
      cookie: user.cookie,
      body: { confirmation: 'yes' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual({
      confirmation: 'does not match your password or email',
    });
    expect(await db().select().from(users).where(eq(users.id, user.id))).toHaveLength(1);
  });

  it('stops live machines at the provider, removes the data and the session', async () => {
    const user = await signUp('leaving');
    const rentalId = await rentFor(db(), user);
    const [machine] = await db()
      .select()
      .from(rentalMachines)
      .where(eq(rentalMachines.rentalId, rentalId));

    const answer = await call(deleteAccount, {
      method: 'DELETE',
      path: '/api/account',
      cookie: user.cookie,
      body: { confirmation: user.password },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ deleted: true });
    expect(
      answer.headers
        .getSetCookie()
        .some((cookie) => /session_token=;/.test(cookie) && /Max-Age=0/i.test(cookie)),
    ).toBe(true);

    const [simulated] = await db()
      .select()
      .from(simMachines)
      .where(eq(simMachines.id, machine!.machineId!));
    expect(simulated!.terminatedAt).not.toBeNull();
    expect(await db().select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
    expect(await db().select().from(rentals).where(eq(rentals.userId, user.id))).toHaveLength(0);
    expect((await me(user.cookie)).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(401);
  });

  it('deletes nothing when a machine cannot be stopped at its provider', async () => {
    const user = await signUp('stuck');
    const { offerId } = await availableOffer(db());
    const [rental] = await db()
      .insert(rentals)
      .values({
        userId: user.id,
        offerId,
        provider: 'simulated',
        gpuModel: 'RTX 4090',
        gpuCount: 1,
        region: 'US',
        location: 'US-East',
        spotPricePerHour: 0.4,
        onDemandPricePerHour: 1.5,
        state: 'running',
      })
      .returning();
    // The provider does not know this machine: it answers every call with an error.
    await db().insert(rentalMachines).values({
      rentalId: rental!.id,
      kind: 'gpu',
      provider: 'simulated',
      machineId: 'sim-unknown',
      pricePerHour: 0.4,
    });

    const answer = await call(deleteAccount, {
      method: 'DELETE',
      path: '/api/account',
      cookie: user.cookie,
      body: { confirmation: user.email },
    });
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('unavailable');
    expect(await db().select().from(users).where(eq(users.id, user.id))).toHaveLength(1);
    expect((await me(user.cookie)).status).toBe(200);
  });
});

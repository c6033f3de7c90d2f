import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DELETE as deleteAccount,
  GET as readAccount,
  PATCH as updateAccount,
} from '@/app/api/account/route';
import { POST as changePassword } from '@/app/api/account/password/route';
import { POST as authPost } from '@/app/api/auth/[...all]/route';
import { rentalMachines, rentals, simMachines, users } from '@/db/schema';
import { useAppDatabase } from '../support/app-database';
import { availableOffer, rentFor, seedMarket } from '../support/market-fixture';
import { call, cookieFrom, nextAddress, signUp, type TestUser } from '../support/route-client';

const database = useAppDatabase();
const db = () => database.current.db;

const signIn = (email: string, password: string) =>
  call(authPost, {
    method: 'POST',
    path: '/api/auth/sign-in/email',
    body: { email, password },
    headers: { 'x-forwarded-for': nextAddress() },
  });
const me = (cookie: string) => call(readAccount, { path: '/api/account', cookie });

beforeAll(async () => {
  await seedMarket(db());
});

describe('phone number', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp('phone');
  });
  const patch = (body: unknown) =>
    call(updateAccount, { method: 'PATCH', path: '/api/account', cookie: user.cookie, body });

  // prettier-ignore
  it.each([
    [{ phone: '4155550123' }, { phone: 'must be in international format, e.g. +14155550123' }],
    [{ phone: '+1 415 555 0123' }, { phone: 'must be in international format, e.g. +14155550123' }],
    [{ phone: '+04155550123' }, { phone: 'must be in international format, e.g. +14155550123' }],
    [{ phone: 14155550123 }, { phone: expect.any(String) }],
    [{}, { phone: expect.any(String) }],
    [{ phone: '+14155550123', email: 'x@example.com' }, { email: 'is not a known parameter' }],
  ])('refuses %j naming the field', async (body, fields) => {
    const answer = await patch(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'invalid', message: expect.any(String), fields });
  });

  it('stores a valid number (trimmed) and removes it with null', async () => {
    expect((await patch({ phone: ' +14155550123 ' })).body.account.phone).toBe('+14155550123');
    expect((await me(user.cookie)).body.account).toMatchObject({
      email: user.email,
      phone: '+14155550123',
    });
    expect((await patch({ phone: null })).body.account.phone).toBeNull();
  });
});

describe('change password', () => {
  it('checks the current password, then signs out the other sessions and keeps this one', async () => {
    const user = await signUp('change');
    const elsewhere = cookieFrom((await signIn(user.email, user.password)).headers);
    const post = (body: unknown) =>
      call(changePassword, {
        method: 'POST',
        path: '/api/account/password',
        cookie: user.cookie,
        body,
      });

    const wrong = await post({
      currentPassword: 'not-my-password',
      newPassword: 'a-new-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'does not match your password' });
    const short = await post({ currentPassword: user.password, newPassword: 'short' });
    expect(short.body.error.fields).toEqual({ newPassword: 'must be at least 8 characters' });

    const changed = await post({ currentPassword: user.password, newPassword: 'a-new-password-1' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ changed: true });

    expect((await me(cookieFrom(changed.headers))).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, 'a-new-password-1')).status).toBe(200);
  });
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
    await db()
      .insert(rentalMachines)
      .values({
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

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, users } from '@/db/schema';
import { createAuth } from '@/lib/auth/auth';
import { DEMO_EMAIL, disableDemoAccount, seedDemoAccount } from '@/lib/demo/demo-account';
import { getEnv } from '@/lib/env';
import { useAppDatabase } from '../support/app-database';
import { signIn } from '../support/route-client';

const database = useAppDatabase();
const seed = () => seedDemoAccount(database.current.db, createAuth(database.current.db, getEnv()));

describe('the quick start demo account', () => {
  it('is created once as a credential account whose printed password signs in', async () => {
    const first = await seed();
    expect(first).toEqual({
      created: true,
      email: DEMO_EMAIL,
      password: expect.stringMatching(/^[\w-]{16}$/),
    });
    if (!first.created) return;
    expect((await signIn(DEMO_EMAIL, first.password)).status).toBe(200);

    const [credential] = await database.current.db
      .select()
      .from(accounts)
      .where(eq(accounts.providerId, 'credential'));
    expect(credential!.password).not.toContain(first.password);
    expect(credential!.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/); // scrypt salt:key

    expect(await seed()).toEqual({ created: false });
    expect((await signIn(DEMO_EMAIL, first.password)).status).toBe(200);
  });

  it('gives a demo user from before accounts existed a password, keeping the user', async () => {
    await database.current.db.delete(users).where(eq(users.email, DEMO_EMAIL));
    await database.current.db
      .insert(users)
      .values({ id: 'demo-user', name: 'Demo user', email: DEMO_EMAIL, emailVerified: true });

    const seeded = await seed();
    expect(seeded.created).toBe(true);
    if (!seeded.created) return;
    const answer = await signIn(DEMO_EMAIL, seeded.password);
    expect(answer.status).toBe(200);
    expect(answer.body.user.id).toBe('demo-user');
  });

  it('no longer lets anyone in once disabled for production, keeping its data', async () => {
    await database.current.db.delete(users).where(eq(users.email, DEMO_EMAIL));
    const seeded = await seed();
    if (!seeded.created) throw new Error('expected a new demo account');
    expect((await signIn(DEMO_EMAIL, seeded.password)).status).toBe(200);

    expect(await disableDemoAccount(database.current.db)).toBe(true);
    expect((await signIn(DEMO_EMAIL, seeded.password)).status).toBe(401);
    expect(
      await database.current.db.select().from(users).where(eq(users.email, DEMO_EMAIL)),
    ).toHaveLength(1);
    expect(await disableDemoAccount(database.current.db)).toBe(false);
  });
});

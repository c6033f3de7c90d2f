import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, sessions, users } from '@/db/schema';
import type { Auth } from '@/lib/auth/auth';

export const DEMO_EMAIL = 'demo@spot-market.local';

export type DemoSeed = { created: false } | { created: true; email: string; password: string };

/**
 * The quick start's demo account: a real credential account with a random password, created
 * once. The caller shows the password to the person at the terminal; it is stored only hashed,
 * so a later start cannot show it again.
 */
export async function seedDemoAccount(db: Db, auth: Auth): Promise<DemoSeed> {
  const password = randomBytes(12).toString('base64url');
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_EMAIL));

  if (!existing) {
    await auth.api.signUpEmail({ body: { email: DEMO_EMAIL, password, name: 'Demo user' } });
    await db.update(users).set({ emailVerified: true }).where(eq(users.email, DEMO_EMAIL));
    return { created: true, email: DEMO_EMAIL, password };
  }

  const [credential] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.userId, existing.id), eq(accounts.providerId, 'credential')));
  if (credential) return { created: false };

  // A demo user from before accounts existed: it keeps its rentals and gets a password now.
  const context = await auth.$context;
  await context.internalAdapter.linkAccount({
    userId: existing.id,
    providerId: 'credential',
    accountId: existing.id,
    password: await context.password.hash(password),
  });
  return { created: true, email: DEMO_EMAIL, password };
}

/**
 * In production the demo account must not let anyone in: a folder that once ran the quick
 * start keeps it, with a password printed to some terminal. Its password and sessions are
 * removed (the user row and its data stay, for the operator to keep or delete).
 */
export async function disableDemoAccount(db: Db): Promise<boolean> {
  const [demo] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL));
  if (!demo) return false;
  const removed = await db
    .delete(accounts)
    .where(and(eq(accounts.userId, demo.id), eq(accounts.providerId, 'credential')))
    .returning({ id: accounts.id });
  await db.delete(sessions).where(eq(sessions.userId, demo.id));
  return removed.length > 0;
}

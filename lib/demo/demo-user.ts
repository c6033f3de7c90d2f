import type { Db } from '@/db/client';
import { users } from '@/db/schema';

export const DEMO_USER_ID = 'demo-user';
export const DEMO_EMAIL = 'demo@spot-market.local';

/** The account the quick start acts as. */
export async function seedDemoUser(db: Db): Promise<void> {
  await db
    .insert(users)
    .values({ id: DEMO_USER_ID, name: 'Demo user', email: DEMO_EMAIL, emailVerified: true })
    .onConflictDoNothing();
}

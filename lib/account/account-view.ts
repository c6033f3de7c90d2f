import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { notFound } from '@/lib/errors';

export interface AccountView {
  id: string;
  email: string;
  phone: string | null;
  createdAt: string;
}

export async function getAccount(db: Db, userId: string): Promise<AccountView> {
  const [user] = await db
    .select({ id: users.id, email: users.email, phone: users.phone, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound('Account');
  return { ...user, createdAt: user.createdAt.toISOString() };
}

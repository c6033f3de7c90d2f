import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { logger } from '@/lib/logger';
import { getAccount, type AccountView } from './account-view';
import { phoneNumber } from './phone-number';

export const updateAccountInput = z.strictObject({
  /** The number SMS alerts go to; null removes it. */
  phone: phoneNumber.nullable(),
});
export type UpdateAccountInput = z.infer<typeof updateAccountInput>;

export async function updateAccount(
  db: Db,
  userId: string,
  input: UpdateAccountInput,
): Promise<AccountView> {
  await db
    .update(users)
    .set({ phone: input.phone, updatedAt: new Date() })
    .where(eq(users.id, userId));
  logger.info({ user_id: userId, has_phone: input.phone !== null }, 'account_updated');
  return getAccount(db, userId);
}

import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Auth } from '@/lib/auth/auth';
import { PASSWORD_LENGTH } from '@/lib/auth/auth';
import { fromAuthError } from '@/lib/auth/auth-errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { limitPasswordCheck } from '@/lib/auth/limit-auth-attempts';
import { logger } from '@/lib/logger';

const password = z
  .string()
  .min(PASSWORD_LENGTH.min, { message: `must be at least ${PASSWORD_LENGTH.min} characters` })
  .max(PASSWORD_LENGTH.max, { message: `must be at most ${PASSWORD_LENGTH.max} characters` });

export const changePasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, { message: 'is required' }),
    newPassword: password,
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
  });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/**
 * Changes the signed-in user's password and signs out every other session. Returns the headers
 * that replace this browser's session cookie (better-auth issues a new session).
 */
export async function changePassword(
  deps: { db: Db; auth: Auth },
  user: CurrentUser,
  input: ChangePasswordInput,
  headers: Headers,
): Promise<Headers> {
  await limitPasswordCheck(deps.db, user.id, new Date());
  try {
    const result = await deps.auth.api.changePassword({
      body: { ...input, revokeOtherSessions: true },
      headers,
      returnHeaders: true,
    });
    logger.info({ user_id: user.id }, 'password_changed');
    return result.headers;
  } catch (error) {
    throw fromAuthError(error, 'currentPassword');
  }
}

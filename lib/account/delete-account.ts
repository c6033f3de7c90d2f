import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { rentals, users } from '@/db/schema';
import type { Auth } from '@/lib/auth/auth';
import { PASSWORD_LENGTH } from '@/lib/auth/auth';
import { fromAuthError } from '@/lib/auth/auth-errors';
import type { CurrentUser } from '@/lib/auth/current-user';
import { limitPasswordCheck } from '@/lib/auth/limit-auth-attempts';
import { DomainError, invalid } from '@/lib/errors';
import { logger } from '@/lib/logger';
import type { RentalDeps } from '@/lib/rentals/create-rental';
import { terminateRental } from '@/lib/rentals/terminate-rental';

export const deleteAccountInput = z.strictObject({
  /** The account's password or its email address, typed again. */
  confirmation: z
    .string()
    .min(1, { message: 'type your password or your email' })
    .max(PASSWORD_LENGTH.max),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;

async function confirmed(auth: Auth, user: CurrentUser, confirmation: string, headers: Headers) {
  if (confirmation.trim().toLowerCase() === user.email.toLowerCase()) return true;
  try {
    await auth.api.verifyPassword({ body: { password: confirmation }, headers });
    return true;
  } catch (error) {
    const mapped = fromAuthError(error, 'confirmation');
    if (mapped instanceof DomainError && mapped.code === 'invalid') return false;
    throw mapped;
  }
}

/**
 * Deletes the signed-in user's account. Live machines are stopped at their providers first: if
 * one cannot be stopped nothing is deleted, so no machine keeps running (and billing) without an
 * owner. Then the user row goes, and rentals, sessions and everything user-owned cascade from it.
 * Returns the headers that clear this browser's session cookie.
 */
export async function deleteAccount(
  deps: RentalDeps & { auth: Auth },
  user: CurrentUser,
  input: DeleteAccountInput,
  headers: Headers,
): Promise<Headers> {
  const { db, auth } = deps;
  await limitPasswordCheck(db, user.id, deps.clock.now());
  if (!(await confirmed(auth, user, input.confirmation, headers))) {
    throw invalid('Type your password or your email to confirm', {
      confirmation: 'does not match your password or email',
    });
  }

  const live = await db
    .select({ id: rentals.id })
    .from(rentals)
    .where(and(eq(rentals.userId, user.id), ne(rentals.state, 'terminated')));
  for (const rental of live) {
    try {
      await terminateRental(deps, user.id, rental.id);
    } catch (error) {
      logger.warn({ user_id: user.id, rental_id: rental.id, err: error }, 'account_delete_blocked');
      throw new DomainError(
        'unavailable',
        'A machine could not be stopped at its provider, so your account was not deleted; try again',
      );
    }
  }

  await db.delete(users).where(eq(users.id, user.id));
  logger.info({ user_id: user.id, rentals_terminated: live.length }, 'account_deleted');

  // The session row went with the user; this only clears the cookie in the browser.
  const { headers: cleared } = await auth.api.signOut({ headers, returnHeaders: true });
  return cleared;
}

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { findUser, type CurrentUser } from './current-user';
import { signInPath } from './safe-next-path';

/**
 * The signed-in user of a page render, or null; looked up once per render however many parts
 * ask. Reading headers makes the page dynamic.
 */
export const getPageUser = cache(async (): Promise<CurrentUser | null> =>
  findUser(await headers()),
);

/** For pages that need an account: a visitor is sent to sign in and brought back to `path`. */
export async function requirePageUser(path: string): Promise<CurrentUser> {
  const user = await getPageUser();
  if (!user) redirect(signInPath(path));
  return user;
}

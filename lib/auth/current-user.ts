import { unauthorized } from '@/lib/errors';
import { getAuth } from './auth';

export interface CurrentUser {
  id: string;
  email: string;
}

/** The signed-in user behind a request's session cookie, or null for a visitor. */
export async function findUser(headers: Headers): Promise<CurrentUser | null> {
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email };
}

/**
 * The user a request acts for. Every user-owned route starts here and passes `user.id` to the
 * lib verb, which scopes its reads and writes to it. A visitor gets 401 `unauthorized`.
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await findUser(request.headers);
  if (!user) throw unauthorized();
  return user;
}

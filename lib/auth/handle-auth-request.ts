import type { Db } from '@/db/client';
import { errorResponse } from '@/lib/http/errors';
import type { Auth } from './auth';
import { limitAuthAttempt } from './limit-auth-attempts';

const BASE_PATH = '/api/auth';

/**
 * One request to better-auth's endpoints (sign-up, sign-in, sign-out, session): counted against
 * our rate limits first, then answered by better-auth, which checks the Origin itself.
 */
export async function handleAuthRequest(db: Db, auth: Auth, request: Request): Promise<Response> {
  try {
    const path = new URL(request.url).pathname.slice(BASE_PATH.length) || '/';
    await limitAuthAttempt(db, path, request, new Date());
    return await auth.handler(request);
  } catch (error) {
    return errorResponse(error);
  }
}

import { z } from 'zod';
import type { Db } from '@/db/client';
import { errorResponse } from '@/lib/http/errors';
import { readBody } from '@/lib/http/route';
import type { Auth } from './auth';
import { limitAuthAttempt } from './limit-auth-attempts';

const BASE_PATH = '/api/auth';

/** better-auth checks the password; the other fields a sign-up stores get sane bounds here. */
const signUpFields = z.looseObject({
  email: z.string().max(254, 'must be at most 254 characters').optional(),
  name: z.string().max(100, 'must be at most 100 characters').optional(),
  image: z.never({ message: 'is not accepted' }).optional(),
});

/**
 * One request to better-auth's endpoints (sign-up, sign-in, sign-out, session): counted against
 * our rate limits first, then answered by better-auth, which checks the Origin itself.
 */
export async function handleAuthRequest(db: Db, auth: Auth, request: Request): Promise<Response> {
  try {
    const path = new URL(request.url).pathname.slice(BASE_PATH.length) || '/';
    // Read once, bounded: an anonymous endpoint must not parse megabytes for anyone.
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? null : await readBody(request);
    const bounded = new Request(request, { body, duplex: 'half' } as RequestInit);
    await limitAuthAttempt(db, path, bounded, new Date());
    if (path === '/sign-up/email' && body) signUpFields.parse(jsonOrNothing(body));
    return await auth.handler(bounded);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Bodies that are not JSON are left for better-auth to refuse in its own words. */
function jsonOrNothing(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

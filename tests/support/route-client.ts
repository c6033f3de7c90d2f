import { randomBytes } from 'node:crypto';
import { POST as authPost } from '@/app/api/auth/[...all]/route';

/** Where the app under test says it is served; the Origin every same-site request carries. */
export const APP_URL = 'http://127.0.0.1:3999';

type Handler = (request: Request, context: any) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  cookie?: string;
  body?: unknown;
  /** Sent as it is, for bodies that are not JSON. */
  rawBody?: string;
  params?: Record<string, string>;
  /** `null` sends no Origin header at all. */
  origin?: string | null;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** Calls a real route handler export the way Next.js does: a Request and a params promise. */
export async function call(handler: Handler, options: CallOptions): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.origin !== null) headers.set('origin', options.origin ?? APP_URL);
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.body !== undefined || options.rawBody !== undefined)
    headers.set('content-type', 'application/json');

  const request = new Request(`${APP_URL}${options.path}`, {
    method: options.method ?? 'GET',
    headers,
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** The `Cookie` header a browser would send back after these `Set-Cookie` answers. */
export function cookieFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

let addressCounter = 1;
/** A distinct client address (TEST-NET-3) so sign-ups in one file do not share a rate limit. */
export const nextAddress = () => `203.0.113.${addressCounter++}`;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

/** Signs a fresh user up through better-auth's real endpoint and keeps the session cookie. */
export async function signUp(prefix = 'user'): Promise<TestUser> {
  const email = `${prefix}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const answer = await call(authPost, {
    method: 'POST',
    path: '/api/auth/sign-up/email',
    body: { email, password, name: prefix },
    headers: { 'x-forwarded-for': nextAddress() },
  });
  if (answer.status !== 200)
    throw new Error(`sign-up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { id: answer.body.user.id, email, password, cookie: cookieFrom(answer.headers) };
}

/** Signs in through better-auth's real endpoint, from an address of its own. */
export const signIn = (email: string, password: string) =>
  call(authPost, {
    method: 'POST',
    path: '/api/auth/sign-in/email',
    body: { email, password },
    headers: { 'x-forwarded-for': nextAddress() },
  });

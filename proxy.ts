import { NextResponse, type NextRequest } from 'next/server';
import { pagePolicy } from '@/lib/http/content-security-policy';

/**
 * Runs before every page render: a fresh CSP nonce each time (Next.js reads it from the
 * request's Content-Security-Policy header and puts it on its scripts). JSON answers get their
 * fixed policy from next.config.ts, so API calls skip this step.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = pagePolicy({
    nonce,
    development: process.env.NODE_ENV === 'development',
    https: (process.env.APP_URL ?? '').startsWith('https://'),
  });

  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Static build assets carry the headers of next.config.ts; they need no nonce.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};

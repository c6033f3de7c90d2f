import { NextResponse, type NextRequest } from 'next/server';
import { apiPolicy, pagePolicy } from '@/lib/http/content-security-policy';

/**
 * Runs before every page and API answer: a fresh CSP nonce per page render (Next.js reads it
 * from the request's Content-Security-Policy header and puts it on its scripts), and a
 * nothing-allowed policy on JSON answers.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', apiPolicy);
    return response;
  }

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
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};

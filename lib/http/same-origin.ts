import { forbidden } from '@/lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * CSRF guard for our JSON API: a state-changing request must say it comes from one of our own
 * origins. `Origin` decides when present; without it `Sec-Fetch-Site`, then `Referer`. A request
 * carrying none of them is refused too: every browser sends `Origin` on a POST, PUT, PATCH or
 * DELETE, so only a hand-made client omits it, and it can add the header.
 */
export function assertSameOrigin(request: Request, origins: readonly string[]): void {
  if (SAFE_METHODS.has(request.method)) return;
  const refuse = () => forbidden('Cross-site request refused');

  const origin = request.headers.get('origin');
  if (origin) {
    if (origins.includes(origin)) return;
    throw refuse();
  }

  const site = request.headers.get('sec-fetch-site');
  if (site) {
    if (site === 'same-origin') return;
    throw refuse();
  }

  const referer = request.headers.get('referer');
  if (referer) {
    const refererOrigin = originOf(referer);
    if (refererOrigin && origins.includes(refererOrigin)) return;
    throw refuse();
  }

  throw forbidden('Request refused: send the Origin header of the page making it');
}

const BASE = 'https://spot-market.invalid';

/**
 * Where to go after signing in: a path on this site, or `/`. Anything that could leave the site
 * (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`) or loop back to the sign-in
 * pages falls back to `/`.
 */
export function safeNextPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  // Browsers read `\` as `/` and drop tabs and newlines, so `/\evil` and `/\t/evil` are off-site.
  if (!value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  if (value.startsWith('//')) return fallback;

  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  if (/^\/(sign-in|sign-up)(\/|$)/.test(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page that brings the visitor back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?next=${encodeURIComponent(safeNextPath(path))}`;
}

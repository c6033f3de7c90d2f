export interface PolicyOptions {
  nonce: string;
  /** `next dev` only: React's dev tooling needs eval; production builds never get it. */
  development: boolean;
  /** Served over https: upgrade any stray http:// subresource. */
  https: boolean;
}

/**
 * The pages' Content-Security-Policy. Scripts run only with this answer's nonce (Next.js puts it
 * on its own scripts) or when loaded by such a script ('strict-dynamic'). Styles allow inline
 * `style` attributes, which React and the charts write; the risk of injected CSS is far smaller
 * than that of injected script. Nothing may frame the app.
 */
export function pagePolicy({ nonce, development, https }: PolicyOptions): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `worker-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** JSON answers load nothing and are never framed. */
export const apiPolicy = `default-src 'none'; frame-ancestors 'none'`;

/** Headers every answer carries, static assets included (next.config.ts). */
export const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

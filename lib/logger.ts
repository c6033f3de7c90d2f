import pino from 'pino';

/**
 * One structured logger. Secrets and personal data are redacted by key, so a stray object in a
 * log line cannot leak them.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: process.env.SPOT_SERVICE ?? 'app' },
  redact: {
    paths: [
      'password',
      '*.password',
      'token',
      '*.token',
      'apiKey',
      '*.apiKey',
      'authorization',
      '*.authorization',
      'email',
      '*.email',
      'phone',
      '*.phone',
    ],
    censor: '[redacted]',
  },
});

export type Logger = typeof logger;

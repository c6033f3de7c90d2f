import { describe, expect, it } from 'vitest';
import { appUrlOf, getEnv } from '@/lib/env';
import { simulatorToolsEnabled } from '@/lib/simulator/simulated-prices';

const sid = `AC${'0'.repeat(32)}`;

describe('channel settings at start-up', () => {
  it.each([
    [{ SMTP_URL: 'smtp://mail.example.com:587' }, 'EMAIL_FROM: is required when SMTP_URL is set'],
    [{ EMAIL_FROM: 'alerts@example.com' }, 'SMTP_URL: is required when EMAIL_FROM is set'],
    [{ TWILIO_ACCOUNT_SID: sid }, 'TWILIO_AUTH_TOKEN: is required when TWILIO_ACCOUNT_SID is set'],
    [
      { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'x'.repeat(32) },
      'TWILIO_FROM: is required when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN is set',
    ],
    [
      { VAPID_PRIVATE_KEY: 'k'.repeat(43) },
      'VAPID_PUBLIC_KEY: is required when VAPID_PRIVATE_KEY is set',
    ],
    [
      { SMTP_URL: 'http://mail.example.com', EMAIL_FROM: 'a@b.c' },
      'SMTP_URL: must be an smtp:// or smtps:// URL',
    ],
    [
      {
        TWILIO_ACCOUNT_SID: 'nope',
        TWILIO_AUTH_TOKEN: 'x'.repeat(32),
        TWILIO_FROM: '+15005550006',
      },
      'TWILIO_ACCOUNT_SID: must be an account SID',
    ],
    [{ APP_URL: 'ftp://spot.example' }, 'APP_URL: must be an http(s) URL'],
  ])('%o stops start-up naming the variable', (variables, message) => {
    expect(() => getEnv({ NODE_ENV: 'test', ...variables })).toThrow(message);
  });

  it('takes a whole channel, treats empty values as unset, and trims APP_URL', () => {
    const env = getEnv({
      NODE_ENV: 'test',
      SMTP_URL: 'smtps://u:p@mail.example.com',
      EMAIL_FROM: 'alerts@example.com',
      TWILIO_FROM: '',
      APP_URL: 'https://spot.example/',
    });
    expect(env).toMatchObject({
      SMTP_URL: 'smtps://u:p@mail.example.com',
      EMAIL_FROM: 'alerts@example.com',
      TWILIO_FROM: undefined,
      APP_URL: 'https://spot.example',
    });
    expect(appUrlOf(getEnv({}))).toBe('http://localhost:3000');
  });

  // Production needs its secret and address to start at all.
  const production = {
    NODE_ENV: 'production',
    APP_URL: 'https://spot.example',
    BETTER_AUTH_SECRET: 'k'.repeat(40),
  };
  it.each([
    [{}, true],
    [production, false],
    [{ ...production, SPOT_LAUNCH_ENV: 'development' }, true],
    [{ NODE_ENV: 'development', SPOT_LAUNCH_ENV: 'production' }, false],
    [{ SIM_ENABLED: 'false' }, false],
  ])('simulator tools with %o: %s', (variables, enabled) => {
    expect(simulatorToolsEnabled(getEnv(variables))).toBe(enabled);
  });
});

import { describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';

const secret = 'k3J9x2Qm8vL5tR1wY7zB4nC6dF0gH2jS';
const production = {
  NODE_ENV: 'production',
  APP_URL: 'https://spot.example.com',
  BETTER_AUTH_SECRET: secret,
};

describe('start-up settings', () => {
  // prettier-ignore
  it.each([
    ['a missing secret', { ...production, BETTER_AUTH_SECRET: undefined }, 'BETTER_AUTH_SECRET: is required in production'],
    ["better-auth's published default", { ...production, BETTER_AUTH_SECRET: 'better-auth-secret-12345678901234567890' }, 'BETTER_AUTH_SECRET: is a published default'],
    ['a short secret', { ...production, BETTER_AUTH_SECRET: 'changeme' }, 'BETTER_AUTH_SECRET: must be at least 32 random characters'],
    ['a missing APP_URL', { ...production, APP_URL: undefined }, 'APP_URL: is required in production'],
    ['an APP_URL that is not http(s)', { ...production, APP_URL: 'ftp://spot.example.com' }, 'APP_URL: must be an http(s) URL'],
  ])('production refuses %s, naming the variable', (_name, source, message) => {
    expect(() => getEnv(source as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('production starts with its own secret and keeps only the origin of APP_URL', () => {
    const env = getEnv({
      ...production,
      APP_URL: 'https://spot.example.com/some/path',
    } as NodeJS.ProcessEnv);
    expect(env.APP_URL).toBe('https://spot.example.com');
    expect(env.BETTER_AUTH_SECRET).toBe(secret);
  });

  // prettier-ignore
  it.each([
    ['production', {}, false],
    ['production', { SEED_DEMO_ACCOUNT: 'true' }, true],
    ['development', {}, true],
    ['development', { SEED_DEMO_ACCOUNT: 'false' }, false],
    ['test', {}, true],
  ])('in %s with %j the demo account is seeded: %s', (nodeEnv, extra, seeded) => {
    const source = nodeEnv === 'production' ? { ...production, ...extra } : { NODE_ENV: nodeEnv, ...extra };
    expect(getEnv(source as NodeJS.ProcessEnv).SEED_DEMO_ACCOUNT).toBe(seeded);
  });

  it('a secret given outside production is checked as well', () => {
    expect(() =>
      getEnv({ NODE_ENV: 'development', BETTER_AUTH_SECRET: 'short' } as NodeJS.ProcessEnv),
    ).toThrow('BETTER_AUTH_SECRET');
  });
});

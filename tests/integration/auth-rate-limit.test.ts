import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as authPost } from '@/app/api/auth/[...all]/route';
import { createDatabase } from '@/db/client';
import { consumeRateLimit } from '@/lib/auth/consume-rate-limit';
import { useAppDatabase } from '../support/app-database';
import { call, nextAddress, signUp, type TestUser } from '../support/route-client';

/**
 * Sign-in and sign-up are limited per client address and per account, 10 a minute each, with
 * the counters in PostgreSQL. Every case uses addresses and emails of its own, so the cases do
 * not share a budget.
 */
const database = useAppDatabase();
let victim: TestUser;

beforeAll(async () => {
  victim = await signUp('victim');
});

const freshEmail = () => `someone-${randomBytes(4).toString('hex')}@example.com`;
const wrongPassword = 'not-the-password-1';

interface Case {
  name: string;
  path: '/api/auth/sign-in/email' | '/api/auth/sign-up/email';
  /** The address and the body of attempt `i` (0-based), given one address and email per case. */
  attempt: (i: number, ip: string, email: string) => { ip: string; body: Record<string, string> };
  /** What the first ten attempts answer. */
  allowed: number[];
}

// prettier-ignore
const cases: Case[] = [
  { name: 'wrong passwords for many accounts from one address', path: '/api/auth/sign-in/email', attempt: (_i, ip) => ({ ip, body: { email: freshEmail(), password: wrongPassword } }), allowed: [401] },
  { name: "wrong passwords for one account from many addresses", path: '/api/auth/sign-in/email', attempt: () => ({ ip: nextAddress(), body: { email: victim.email, password: wrongPassword } }), allowed: [401] },
  { name: 'sign-ups of new accounts from one address', path: '/api/auth/sign-up/email', attempt: (_i, ip) => ({ ip, body: { email: freshEmail(), password: 'long-enough-password', name: 'n' } }), allowed: [200] },
  { name: 'sign-ups of one email from many addresses', path: '/api/auth/sign-up/email', attempt: (_i, _ip, email) => ({ ip: nextAddress(), body: { email, password: 'long-enough-password', name: 'n' } }), allowed: [200, 422] },
];

describe.each(cases)('$name', ({ path, attempt, allowed }) => {
  it('answers the 11th attempt within a minute with 429, Retry-After and when to retry', async () => {
    const ip = nextAddress();
    const email = freshEmail();
    const send = (i: number) => {
      const { ip: from, body } = attempt(i, ip, email);
      return call(authPost, { method: 'POST', path, body, headers: { 'x-forwarded-for': from } });
    };

    for (let i = 0; i < 10; i++) expect(allowed).toContain((await send(i)).status);
    const started = Date.now();
    const eleventh = await send(10);

    expect(eleventh.status).toBe(429);
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(eleventh.body).toEqual({
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /^Too many sign-(in|up) attempts\. Try again in \d+ seconds?\.$/,
        ),
        retryAfterSeconds: retryAfter,
        retryAt: expect.any(String),
      },
    });
    expect(eleventh.body.error.message).toContain(`in ${retryAfter} second`);
    const retryAt = Date.parse(eleventh.body.error.retryAt);
    expect(Math.abs(retryAt - (started + retryAfter * 1000))).toBeLessThan(2_000);
  });
});

describe('the limit holds', () => {
  it('even for the right password once the account has used its budget', async () => {
    const user = await signUp('locked');
    for (let i = 0; i < 10; i++) {
      const body = { email: user.email, password: wrongPassword };
      const answer = await call(authPost, {
        method: 'POST',
        path: '/api/auth/sign-in/email',
        body,
        headers: { 'x-forwarded-for': nextAddress() },
      });
      expect(answer.status).toBe(401);
    }
    const body = { email: user.email, password: user.password };
    const answer = await call(authPost, {
      method: 'POST',
      path: '/api/auth/sign-in/email',
      body,
      headers: { 'x-forwarded-for': nextAddress() },
    });
    expect(answer.status).toBe(429);
  });

  it('across web processes: 20 attempts at once through two connection pools let exactly 10 through', async () => {
    const other = createDatabase(database.current.url, { max: 5 });
    const rule = { windowSeconds: 60, max: 10 };
    const now = new Date();
    try {
      const decisions = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          consumeRateLimit(i % 2 ? other.db : database.current.db, 'sign-in:ip:shared', rule, now),
        ),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
      expect(
        decisions.filter((decision) => !decision.allowed).every((d) => d.retryAfterSeconds === 60),
      ).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('for one window only: a minute after the first attempt the budget is whole again', async () => {
    const rule = { windowSeconds: 60, max: 10 };
    const start = new Date('2026-06-01T12:00:00Z');
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let i = 0; i < 10; i++)
      await consumeRateLimit(database.current.db, 'sign-in:ip:window', rule, at(i));

    expect(await consumeRateLimit(database.current.db, 'sign-in:ip:window', rule, at(59))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(await consumeRateLimit(database.current.db, 'sign-in:ip:window', rule, at(60))).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
    });
  });
});

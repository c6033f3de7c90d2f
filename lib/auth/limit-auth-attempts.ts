import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { rateLimited } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { logger, maskEmail } from '@/lib/logger';
import { consumeRateLimit, type RateLimitDecision, type RateLimitRule } from './consume-rate-limit';

const PER_MINUTE = 60;

/** Guessing a password is limited per address and per account: 10 tries a minute each. */
const credentialRules: Record<string, { action: string; rule: RateLimitRule }> = {
  '/sign-in/email': { action: 'sign-in', rule: { windowSeconds: PER_MINUTE, max: 10 } },
  '/sign-up/email': { action: 'sign-up', rule: { windowSeconds: PER_MINUTE, max: 10 } },
};
/** Every other auth endpoint: a generous per-address budget against floods. */
const otherRule: RateLimitRule = { windowSeconds: PER_MINUTE, max: 100 };
/** Checking a signed-in user's password (change password, delete account). */
const passwordCheckRule: RateLimitRule = { windowSeconds: PER_MINUTE, max: 10 };

/** The 429 answer: `Retry-After`, and a message and a time saying when to try again. */
function refusal(what: string, { retryAfterSeconds: seconds }: RateLimitDecision, now: Date) {
  const message = `Too many ${what}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  return rateLimited(message, seconds, now);
}

/** Counter keys name no one: addresses and emails are stored as a digest. */
const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

async function emailOf(request: Request): Promise<string | null> {
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => null);
  const email = (body as { email?: unknown } | null)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null;
}

/**
 * Counts a request to a better-auth endpoint (`path` below /api/auth) and refuses it with
 * `rate_limited` once the address or the account named in the body has used its budget.
 */
export async function limitAuthAttempt(db: Db, path: string, request: Request, now: Date) {
  const ip = clientIp(request);
  const credential = credentialRules[path];
  if (!credential || request.method !== 'POST') {
    const decision = await consumeRateLimit(db, `auth:ip:${digest(ip)}:${path}`, otherRule, now);
    if (!decision.allowed) throw refusal('requests', decision, now);
    return;
  }

  const { action, rule } = credential;
  const email = await emailOf(request);
  const keys = [{ scope: 'ip', key: `${action}:ip:${digest(ip)}` }];
  if (email) keys.push({ scope: 'account', key: `${action}:account:${digest(email)}` });

  for (const { scope, key } of keys) {
    const decision = await consumeRateLimit(db, key, rule, now);
    if (decision.allowed) continue;
    logger.warn(
      { action, scope, email_masked: email ? maskEmail(email) : null },
      'auth_rate_limited',
    );
    throw refusal(`${action} attempts`, decision, now);
  }
}

/** Counts one check of a signed-in user's password; the 11th within a minute is refused. */
export async function limitPasswordCheck(db: Db, userId: string, now: Date) {
  const key = `password-check:user:${userId}`;
  const decision = await consumeRateLimit(db, key, passwordCheckRule, now);
  if (decision.allowed) return;
  logger.warn({ user_id: userId }, 'password_check_rate_limited');
  throw refusal('password attempts', decision, now);
}

import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { getDatabase, type Db } from '@/db/client';
import { accounts, sessions, users, verifications } from '@/db/schema';
import { appUrlOf, getEnv, type Env } from '@/lib/env';
import { logger, maskEmail } from '@/lib/logger';
import { appOrigins } from './app-origins';

export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

/**
 * Endpoints better-auth would serve that we answer ourselves (with our validation, rate limits
 * and clean-up) or do not offer: the account page goes through /api/account.
 */
const ownedPaths = [
  '/change-password',
  '/update-user',
  '/delete-user',
  '/change-email',
  '/set-password',
];

/**
 * Email + password accounts with sessions in PostgreSQL. Passwords are hashed by better-auth's
 * default, scrypt (N=16384, r=16: 32 MiB per hash). The session cookie is httpOnly, SameSite=Lax,
 * and Secure (with the `__Secure-` prefix) when APP_URL is https.
 */
export function createAuth(db: Db, env: Env) {
  const secret = env.BETTER_AUTH_SECRET;
  if (!secret) {
    throw new Error(
      'BETTER_AUTH_SECRET is not set: `npm start` generates one in .data/, elsewhere set it (openssl rand -base64 32)',
    );
  }
  const authLog = logger.child({ component: 'auth' });

  return betterAuth({
    appName: 'Spot Market',
    baseURL: appUrlOf(env),
    secret,
    trustedOrigins: appOrigins(env),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: PASSWORD_LENGTH.min,
      maxPasswordLength: PASSWORD_LENGTH.max,
    },
    disabledPaths: ownedPaths,
    // Our own limiter (lib/auth/limit-auth-attempts.ts) counts per address *and* per account in
    // PostgreSQL; better-auth's counts per address only, so it is replaced rather than stacked.
    rateLimit: { enabled: false },
    advanced: {
      // Origin and CSRF checks stay on in every environment (better-auth skips them under
      // NODE_ENV=test unless told otherwise).
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message) => authLog[level === 'debug' ? 'debug' : level](message),
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            logger.info(
              { user_id: user.id, email_masked: maskEmail(user.email) },
              'account_created',
            );
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const authByDb = new WeakMap<Db, Auth>();

/** The web app's auth, bound to the process-wide database. */
export function getAuth(): Auth {
  const { db } = getDatabase();
  let auth = authByDb.get(db);
  if (!auth) {
    auth = createAuth(db, getEnv());
    authByDb.set(db, auth);
  }
  return auth;
}

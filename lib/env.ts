import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** An unset variable and one set to an empty string (`SMTP_URL=` in a .env file) mean the same. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Variables that switch one channel on together: one of them set makes all of them required. */
export const channelVariables = {
  email: ['SMTP_URL', 'EMAIL_FROM'],
  push: ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'],
  sms: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'],
} as const;

/** Object storage (R2 or any S3 endpoint) is all or nothing, like a channel. */
export const storageVariables = [
  'R2_ENDPOINT',
  'R2_ACCESS_KEY_ID',
  'R2_SECRET_ACCESS_KEY',
  'R2_BUCKET',
] as const;

/** Secrets that ship in code or docs: better-auth's built-in fallback and common placeholders. */
export const KNOWN_DEFAULT_SECRETS = new Set([
  'better-auth-secret-12345678901234567890',
  'better-auth-secret-that-is-long-enough-for-validation-test',
]);

const secret = z
  .string()
  .min(32, { message: 'must be at least 32 random characters (openssl rand -base64 32)' })
  .refine((value) => !KNOWN_DEFAULT_SECRETS.has(value), {
    message: 'is a published default; generate your own (openssl rand -base64 32)',
  });

const appUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://spot.example.com' })
  .transform((value) => new URL(value).origin);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),

    APP_URL: appUrl.optional(),
    BETTER_AUTH_SECRET: secret.optional(),
    SEED_DEMO_ACCOUNT: flag.optional(),

    DATABASE_URL: z.string().url().optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    EMBEDDED_PG_DIR: z.string().default('.data/postgres'),

    POLL_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
    STALE_AFTER_SECONDS: z.coerce.number().int().min(10).default(120),
    SIM_ENABLED: flag.default(true),
    SIM_SEED: z.coerce.number().int().default(42),

    VASTAI_API_KEY: z.string().min(1).optional(),
    VASTAI_BASE_URL: z.string().url().default('https://console.vast.ai/api/v0'),
    VASTAI_IMAGE: z.string().min(1).default('pytorch/pytorch:latest'),
    VASTAI_DISK_GB: z.coerce.number().int().min(1).max(2_000).default(20),
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),

    /** The app's address as machines' agents reach it; defaults to APP_URL, then this server. */
    AGENT_CONTROL_URL: optional(z.url()),

    R2_ENDPOINT: optional(z.url()),
    R2_ACCESS_KEY_ID: optional(z.string().min(1)),
    R2_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    R2_BUCKET: optional(z.string().min(3)),
    R2_REGION: z.string().min(1).default('auto'),
    S3_STANDIN_PORT: z.coerce.number().int().min(1).max(65535).default(54331),
    S3_STANDIN_DIR: z.string().default('.data/s3'),

    SIM_MACHINES_DIR: z.string().default('.data/sim-machines'),
    SIM_WORKSPACE_SEED_MB: z.coerce.number().min(0).max(1024).default(4),
    SIM_MACHINE_INTERRUPTIONS: flag.default(true),

    /** The NODE_ENV the app was launched with; `next start` forces production inside the web app. */
    SPOT_LAUNCH_ENV: optional(z.enum(['development', 'production', 'test'])),
    SMTP_URL: optional(
      z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }),
    ),
    EMAIL_FROM: optional(z.string().min(3)),
    VAPID_PUBLIC_KEY: optional(
      z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a URL-safe base64 P-256 public key'),
    ),
    VAPID_PRIVATE_KEY: optional(
      z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a URL-safe base64 P-256 private key'),
    ),
    VAPID_SUBJECT: optional(
      z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL'),
    ),
    TWILIO_ACCOUNT_SID: optional(
      z
        .string()
        .regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID (AC followed by 32 hex digits)'),
    ),
    TWILIO_AUTH_TOKEN: optional(z.string().min(16)),
    TWILIO_FROM: optional(
      z
        .string()
        .regex(
          /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/,
          'must be an E.164 number or a messaging service SID',
        ),
    ),
  })
  .superRefine((env, ctx) => {
    for (const names of [...Object.values(channelVariables), storageVariables]) {
      const set = names.filter((name) => env[name] !== undefined);
      if (set.length === 0 || set.length === names.length) continue;
      for (const name of names) {
        if (env[name] !== undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is required when ${set.join(' and ')} is set`,
        });
      }
    }
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required in production (openssl rand -base64 32)',
      });
    }
    if (!env.APP_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_URL'],
        message:
          'is required in production (the address users open, e.g. https://spot.example.com)',
      });
    }
  })
  .transform((env) => ({
    ...env,
    // The demo account is a quick-start convenience: on unless asked, never by default in production.
    SEED_DEMO_ACCOUNT: env.SEED_DEMO_ACCOUNT ?? env.NODE_ENV !== 'production',
  }));

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parses the environment once; a bad value stops start-up naming the variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached;

  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }

  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** The address users open the app at; the quick start serves on localhost. */
export function appUrlOf(env: Pick<Env, 'APP_URL' | 'PORT'>): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}

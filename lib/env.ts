import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

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

    /** `production` refuses the simulator's tools (the "Simulate interruption" button). */
    APP_ENV: z.enum(['quickstart', 'production']).default('quickstart'),
    /** The app's address as machines' agents reach it; defaults to APP_URL, then this server. */
    AGENT_CONTROL_URL: z.string().url().optional(),

    R2_ENDPOINT: z.string().url().optional(),
    R2_ACCESS_KEY_ID: z.string().min(1).optional(),
    R2_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    R2_BUCKET: z.string().min(3).optional(),
    R2_REGION: z.string().min(1).default('auto'),
    S3_STANDIN_PORT: z.coerce.number().int().min(1).max(65535).default(54331),
    S3_STANDIN_DIR: z.string().default('.data/s3'),

    SIM_MACHINES_DIR: z.string().default('.data/sim-machines'),
    SIM_WORKSPACE_SEED_MB: z.coerce.number().min(0).max(1024).default(4),
    SIM_MACHINE_INTERRUPTIONS: flag.default(true),
  })
  .superRefine((env, ctx) => {
    // Object storage is all or nothing: half a configuration is a mistake, not a default.
    const r2 = ['R2_ENDPOINT', 'R2_ACCESS_KEY_ID', 'R2_SECRET_ACCESS_KEY', 'R2_BUCKET'] as const;
    const given = r2.filter((name) => env[name] !== undefined);
    if (given.length > 0 && given.length < r2.length) {
      for (const name of r2.filter((name) => env[name] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is required with ${given.join(', ')}` });
      }
    }

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
export function appUrlOf(env: Env): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}

import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

// Ports and the database folder come from tests/e2e/run.ts, which picks free ports and a
// temporary folder; running `playwright test` directly falls back to the values below.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node_modules/.bin/tsx scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '54400',
      EMBEDDED_PG_DIR: process.env.E2E_PG_DIR ?? '.data/e2e-postgres',
      S3_STANDIN_PORT: process.env.E2E_S3_PORT ?? '54401',
      S3_STANDIN_DIR: process.env.E2E_S3_DIR ?? '.data/e2e-s3',
      SIM_MACHINES_DIR: process.env.E2E_MACHINES_DIR ?? '.data/e2e-machines',
      // Machines are taken back only when a test says so.
      SIM_MACHINE_INTERRUPTIONS: 'false',
      APP_URL: baseURL,
      // A secret of this run only; the quick start's .data/auth-secret is left alone.
      BETTER_AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString('base64url'),
      POLL_INTERVAL_SECONDS: '5',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
    },
  },
});

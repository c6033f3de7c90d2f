import './process-setup';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { exitOnInvalidEnv } from '@/lib/env-at-start';
import { disableDemoAccount } from '@/lib/demo/demo-account';
import { logger } from '@/lib/logger';
import { exitWithParent } from '@/lib/process/exit-with-parent';
import { startWorker } from './start-worker';

// In production a missing or default BETTER_AUTH_SECRET stops the worker too, naming it.
exitOnInvalidEnv('worker');
const env = getEnv();
if (!env.DATABASE_URL) {
  logger.fatal('DATABASE_URL is not set; run the worker through `npm start` or set it');
  process.exit(1);
}

try {
  await migrateDatabase(env.DATABASE_URL);
} catch (error) {
  const address = new URL(env.DATABASE_URL);
  address.password = address.password ? '***' : '';
  const reason = error instanceof Error ? error.message : String(error);
  logger.fatal({ database: address.toString(), error: reason }, 'database_unreachable');
  console.error(`[worker] cannot use the PostgreSQL at ${address}: ${reason}`);
  process.exit(1);
}
const database = createDatabase(env.DATABASE_URL);
if (
  env.NODE_ENV === 'production' &&
  !env.SEED_DEMO_ACCOUNT &&
  (await disableDemoAccount(database.db))
) {
  logger.warn('demo_account_disabled');
}
const worker = await startWorker({
  databaseUrl: env.DATABASE_URL,
  db: database.db,
  env,
  clock: systemClock,
  logger,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker_stopping');
  // The quick start's Ctrl-C reaches PostgreSQL too; a slow goodbye must not hang the worker.
  setTimeout(() => process.exit(0), 15_000).unref();
  await worker.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
exitWithParent(() => void shutdown('parent gone'));

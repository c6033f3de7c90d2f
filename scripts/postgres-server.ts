import path from 'node:path';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { getEnv } from '@/lib/env';
import { root } from './lib/web-app';

/**
 * The quick start's PostgreSQL, in a process of its own: started by scripts/start.ts, told its
 * address back over IPC, and stopped last, once the web app and the worker have let go of it.
 * If the parent dies without a word, the IPC channel closes and PostgreSQL stops as well.
 */
const env = getEnv();

try {
  const postgres = await startEmbeddedPostgres({
    dataDir: path.resolve(root, env.EMBEDDED_PG_DIR),
    port: env.EMBEDDED_PG_PORT,
    database: 'spot_market',
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (postgres.owned) await postgres.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ url: postgres.url, owned: postgres.owned });
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';

/**
 * An embedded PostgreSQL in a process of its own, started by scripts/lib/postgres-process.ts:
 * it tells its address back over IPC and stops on SIGTERM, or when its parent goes away (the
 * IPC channel closes). Keeping it out of the parent also keeps embedded-postgres's exit hook
 * out of it: that hook ends any process it lives in with exit code 0, hiding failures.
 */
const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    database: { type: 'string', default: 'spot_market' },
    ephemeral: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});

try {
  if (!values.dir || !values.port) throw new Error('--dir and --port are required');
  const postgres = await startEmbeddedPostgres({
    dataDir: values.dir,
    port: Number(values.port),
    database: values.database!,
    ephemeral: values.ephemeral,
    reuse: values.reuse,
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

import '@/lib/process/load-env-file';
import path from 'node:path';
import { createObjectStore } from '@/agent/core/object-store';
import { createDatabase } from '@/db/client';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { exitWithParent } from '@/lib/process/exit-with-parent';
import { SimulatedMachineHost } from '@/lib/providers/simulated/machine-host';
import { objectStoreConfig } from '@/lib/storage/object-store-config';

/**
 * The simulated provider's machines and their agents, in a process of their own: like real
 * machines they keep running (and finish a checkpoint) when a worker dies.
 */
const env = getEnv();
const storage = objectStoreConfig(env);
if (!env.DATABASE_URL || !storage) {
  logger.fatal('sim-agents needs DATABASE_URL and R2_* (npm start sets them)');
  process.exit(1);
}

const database = createDatabase(env.DATABASE_URL, { max: 3 });
const host = new SimulatedMachineHost({
  db: database.db,
  machinesDir: path.resolve(env.SIM_MACHINES_DIR),
  store: createObjectStore(storage),
  seedMb: env.SIM_WORKSPACE_SEED_MB,
  logger,
});
host.start();
exitWithParent();
logger.info({ machines_dir: env.SIM_MACHINES_DIR }, 'sim_agents_started');

async function shutdown() {
  await host.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

import path from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDatabase } from './client';

const migrationsFolder = path.join(import.meta.dirname, 'migrations');

// Any number of processes may start at once; the lock lets one of them migrate at a time.
const MIGRATION_LOCK = 7_316_001;

export async function migrateDatabase(url: string): Promise<void> {
  const database = createDatabase(url, { max: 2 });
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(database.db, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
    await database.close();
  }
}

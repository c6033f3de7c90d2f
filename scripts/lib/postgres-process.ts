import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/lib/net/free-port';
import { root } from './web-app';

export interface PostgresProcessOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Delete the data folder when stopped (tests, benchmarks). */
  ephemeral?: boolean;
  /** Use a server already running on this folder instead of refusing to start. */
  reuse?: boolean;
}

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts scripts/postgres-server.ts in its own process group, so a Ctrl-C in the terminal
 * reaches the app's processes but not PostgreSQL: it is stopped last, on purpose.
 */
export async function startPostgresProcess(
  options: PostgresProcessOptions,
): Promise<PostgresProcess> {
  const args = [
    '--dir',
    options.dataDir,
    '--port',
    String(options.port),
    '--database',
    options.database,
  ];
  if (options.ephemeral) args.push('--ephemeral');
  if (options.reuse) args.push('--reuse');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/postgres-server.ts', ...args],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url?: string; error?: string }) =>
      message.url
        ? resolve(message.url)
        : reject(new Error(message.error ?? 'PostgreSQL did not start')),
    );
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited before it was ready (${code})`)),
    );
  });

  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A throwaway PostgreSQL for a test run or a benchmark: a temporary folder (readable by the
 * `postgres` user PostgreSQL runs as under root), a free port; stopping removes the folder.
 */
export async function startTemporaryPostgres(database: string): Promise<PostgresProcess> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `spot-market-${database}-`));
  await fs.chmod(dir, 0o755);
  const server = await startPostgresProcess({
    dataDir: path.join(dir, 'data'),
    port: await freePort(),
    database,
    ephemeral: true,
  });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

import { spawn } from 'node:child_process';
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

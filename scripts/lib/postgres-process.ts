import { spawn } from 'node:child_process';
import { root } from './web-app';

export interface PostgresProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts scripts/postgres-server.ts in its own process group, so a Ctrl-C in the terminal
 * reaches the web app and the worker but not PostgreSQL: it is stopped last, on purpose.
 */
export async function startPostgresProcess(env: NodeJS.ProcessEnv): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/postgres-server.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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

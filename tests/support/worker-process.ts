import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface LogLine {
  msg: string;
  step?: string;
  run_id?: string;
  [field: string]: unknown;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the first log line matching, as it is written. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * The real worker (`workers/main.ts`) in a child process, its pino lines parsed as they come,
 * so a test can kill it — SIGKILL, no goodbye — at a chosen point of a failover step.
 */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      SPOT_SERVICE: 'worker',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const waiters = new Set<{
    match: (line: LogLine) => boolean;
    resolve: (line: LogLine) => void;
  }>();
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    for (const waiter of waiters) {
      if (!waiter.match(line)) continue;
      waiters.delete(waiter);
      waiter.resolve(line);
    }
  });
  child.stderr!.on('data', () => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const process_: WorkerProcess = {
    child,
    waitForLine(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error('timed out waiting for a worker log line'));
        }, timeoutMs);
        void exited.then(() => {
          clearTimeout(timer);
          if (waiters.delete(waiter)) reject(new Error('the worker exited'));
        });
        const done = waiter.resolve;
        waiter.resolve = (line) => (clearTimeout(timer), done(line));
      });
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  await process_.waitForLine((line) => line.msg === 'worker_started', 60_000);
  return process_;
}

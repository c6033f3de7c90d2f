import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, createDatabase, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';

import { closeJobSender } from '@/lib/jobs/job-sender';
import { freePort } from '@/lib/net/free-port';
import { startS3StandIn, type S3StandIn } from '@/lib/storage/s3-stand-in';
import { startAgentApi, type RouteServer } from './route-server';
import { root } from './web-app';
import { startPostgresProcess, type PostgresProcess } from './postgres-process';

export interface BenchEnv {
  database: Database;
  api: RouteServer;
  childEnv: Record<string, string>;
  /** Starts a child process (`--import tsx <script>`) with the bench's environment. */
  spawnChild(script: string, extra?: Record<string, string>): ChildProcess;
  close(): Promise<void>;
}

/**
 * A whole failover setup of its own for a benchmark: PostgreSQL and an S3 server on free ports
 * in a temporary folder, the agent API, and the worker and simulated machines as child processes
 * (as in the quick start). Everything is removed on close.
 */
export async function startBenchEnv(): Promise<BenchEnv> {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'spot-bench-failover-'));
  await fs.chmod(temp, 0o755);
  const postgres: PostgresProcess = await startPostgresProcess({
    dataDir: path.join(temp, 'postgres'),
    port: await freePort(),
    database: 'bench',
    ephemeral: true,
  });
  await migrateDatabase(postgres.url);
  process.env.DATABASE_URL = postgres.url;
  const database = createDatabase(postgres.url);
  const s3: S3StandIn = await startS3StandIn({ port: 0, directory: path.join(temp, 's3') });
  const api = await startAgentApi();

  const childEnv: Record<string, string> = {
    DATABASE_URL: postgres.url,
    AGENT_CONTROL_URL: api.url,
    R2_ENDPOINT: s3.config.endpoint,
    R2_ACCESS_KEY_ID: s3.config.accessKeyId,
    R2_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    R2_BUCKET: s3.config.bucket,
    SIM_MACHINES_DIR: path.join(temp, 'machines'),
    SIM_MACHINE_INTERRUPTIONS: 'false',
    POLL_INTERVAL_SECONDS: '30',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  const children: ChildProcess[] = [];
  const spawnChild = (script: string, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, ...childEnv, ...extra },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    return child;
  };

  return {
    database,
    api,
    childEnv,
    spawnChild,
    async close() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      await api.close();
      await closeJobSender();
      await closeDatabase();
      await database.close();
      await s3.close();
      await postgres.stop();
      await fs.rm(temp, { recursive: true, force: true });
    },
  };
}

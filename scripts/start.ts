import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { startEmbeddedPostgres, type RunningPostgres } from '@/lib/db/embedded-postgres';
import { seedDemoUser } from '@/lib/demo/demo-user';
import { getEnv } from '@/lib/env';
import { startS3StandIn, type S3StandIn } from '@/lib/storage/s3-stand-in';
import { ensureBuilt, nextBin, root } from './lib/web-app';

/**
 * The quick start: PostgreSQL (embedded unless DATABASE_URL is set), an S3 stand-in for R2
 * (unless R2_* is set), migrations, demo data, then the worker, the simulated machines' agents
 * and the Next.js app as child processes. Ctrl-C stops all of it.
 */
const env = getEnv();
const say = (message: string) => console.log(`[start] ${message}`);

let postgres: RunningPostgres | undefined;
let s3: S3StandIn | undefined;
const children: ChildProcess[] = [];
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await s3?.close().catch(() => undefined);
  if (postgres?.owned) await postgres.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function run(name: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? code}); stopping everything`);
    void stop(code === 0 ? 1 : (code ?? 1));
  });
  children.push(child);
  return child;
}

async function main() {
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    say('using the PostgreSQL at DATABASE_URL');
  } else {
    say(
      `starting embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`,
    );
    postgres = await startEmbeddedPostgres({
      dataDir: path.resolve(root, env.EMBEDDED_PG_DIR),
      port: env.EMBEDDED_PG_PORT,
      database: 'spot_market',
    });
    databaseUrl = postgres.url;
  }

  await migrateDatabase(databaseUrl);
  const database = createDatabase(databaseUrl, { max: 2 });
  await seedDemoUser(database.db);
  await database.close();
  say('database ready');

  const storage: Record<string, string> = {};
  if (env.R2_ENDPOINT) {
    say(`using object storage at ${env.R2_ENDPOINT}, bucket ${env.R2_BUCKET}`);
  } else {
    s3 = await startS3StandIn({
      port: env.S3_STANDIN_PORT,
      directory: path.resolve(root, env.S3_STANDIN_DIR),
    });
    say(`S3 stand-in for R2 at ${s3.config.endpoint} (data in ${env.S3_STANDIN_DIR})`);
    storage.R2_ENDPOINT = s3.config.endpoint;
    storage.R2_ACCESS_KEY_ID = s3.config.accessKeyId;
    storage.R2_SECRET_ACCESS_KEY = s3.config.secretAccessKey;
    storage.R2_BUCKET = s3.config.bucket;
  }

  const childEnv = {
    ...process.env,
    ...storage,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  await ensureBuilt(childEnv, say);

  run('worker', ['--import', 'tsx', 'workers/main.ts'], { ...childEnv, SPOT_SERVICE: 'worker' });
  // Simulated machines run in their own process, as real machines would outlive a worker.
  if (env.SIM_ENABLED) {
    run('sim-agents', ['--import', 'tsx', 'scripts/sim-agents.ts'], {
      ...childEnv,
      SPOT_SERVICE: 'sim-agents',
    });
  }
  run('web', [nextBin, 'start', '-p', String(env.PORT), '-H', env.HOST], {
    ...childEnv,
    SPOT_SERVICE: 'web',
  });
  say(`Spot Market is starting at http://localhost:${env.PORT}`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});

import '@/lib/process/load-env-file';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { createAuth } from '@/lib/auth/auth';
import { loadOrCreateDevSecret } from '@/lib/auth/dev-secret';
import { seedDemoAccount, type DemoSeed } from '@/lib/demo/demo-account';
import { appUrlOf, getEnv, type Env } from '@/lib/env';
import { loadVapidKeys } from '@/lib/notify/vapid-keys';
import { startObjectStorage, type ObjectStorage } from './lib/object-storage';
import { ancestorsOf, parentOf } from './lib/process-tree';
import { startPostgresProcess, type PostgresProcess } from './lib/postgres-process';
import { ensureBuilt, nextBin, root } from './lib/web-app';

/**
 * The quick start: PostgreSQL (embedded unless DATABASE_URL is set), an S3 stand-in for R2
 * (unless R2_* is set), migrations, demo data, then the worker, the simulated machines and the
 * Next.js app as child processes. Ctrl-C stops all of it.
 */
const say = (message: string) => console.log(`[start] ${message}`);

/**
 * The settings every process gets. In production a missing or default BETTER_AUTH_SECRET stops
 * here, naming it; elsewhere the quick start uses a secret generated once into .data/.
 */
function loadEnv(): Env {
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (env.BETTER_AUTH_SECRET) return { ...env, APP_URL: appUrlOf(env) };
  const { secret, created } = loadOrCreateDevSecret(path.join(root, '.data'));
  if (created) say('generated a development auth secret in .data/auth-secret');
  return { ...env, APP_URL: appUrlOf(env), BETTER_AUTH_SECRET: secret };
}

const env = loadEnv();

let postgres: PostgresProcess | undefined;
let storage: ObjectStorage | undefined;
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
  await storage?.close().catch(() => undefined);
  await postgres?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// npm killed outright sends no signal on, and between it and us stand a shell and tsx's own
// process: when any of them is gone, nobody is left to press Ctrl-C, so everything stops. (Their
// own parents may go: `nohup npm start &` outlives its terminal.)
const ancestors = ancestorsOf(process.pid, 3);
setInterval(() => {
  if (ancestors.some((pid) => parentOf(pid) === null)) {
    say('the command that started Spot Market is gone');
    void stop(0);
  }
}, 2_000).unref();

const RESTARTS_PER_MINUTE = 5;

/**
 * Runs one of the app's processes. The web app exiting stops everything; a worker or the
 * simulated machines crashing is restarted (as a process manager would), unless it keeps
 * crashing, which is a fault worth stopping for.
 */
function run(name: string, args: string[], childEnv: NodeJS.ProcessEnv, restart = false) {
  const crashes: number[] = [];
  const launch = () => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...childEnv, SPOT_PARENT_PID: String(process.pid) },
      stdio: 'inherit',
    });
    children.push(child);
    child.on('exit', (code, signal) => {
      children.splice(children.indexOf(child), 1);
      if (stopping) return;
      const now = Date.now();
      crashes.push(now);
      const recent = crashes.filter((at) => now - at < 60_000).length;
      if (restart && recent <= RESTARTS_PER_MINUTE) {
        say(`${name} exited (${signal ?? code}); restarting it`);
        setTimeout(() => !stopping && launch(), 1_000).unref();
        return;
      }
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void stop(code === 0 ? 1 : (code ?? 1));
    });
  };
  launch();
}

async function main() {
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    say('using the PostgreSQL at DATABASE_URL');
  } else {
    say(
      `starting embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`,
    );
    postgres = await startPostgresProcess({
      dataDir: path.resolve(root, env.EMBEDDED_PG_DIR),
      port: env.EMBEDDED_PG_PORT,
      database: 'spot_market',
    });
    databaseUrl = postgres.url;
    say(`PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT}, database spot_market`);
  }

  await migrateDatabase(databaseUrl);
  const database = createDatabase(databaseUrl, { max: 2 });
  const demo: DemoSeed = env.SEED_DEMO_ACCOUNT
    ? await seedDemoAccount(database.db, createAuth(database.db, env))
    : { created: false };
  // Without VAPID keys in the environment, the first start generates the pair every process uses.
  await loadVapidKeys(database.db, env);
  await database.close();
  say('database ready');

  storage = await startObjectStorage(env, say);
  const childEnv = {
    ...process.env,
    ...storage.env,
    DATABASE_URL: databaseUrl,
    APP_URL: env.APP_URL,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET,
    NEXT_TELEMETRY_DISABLED: '1',
    // `next start` runs the web app as production whatever NODE_ENV we were started with; the
    // launch environment is passed on so quick-start-only tools know where they run.
    SPOT_LAUNCH_ENV: env.SPOT_LAUNCH_ENV ?? env.NODE_ENV,
  };
  await ensureBuilt(childEnv, say);

  run(
    'worker',
    ['--import', 'tsx', 'workers/main.ts'],
    { ...childEnv, SPOT_SERVICE: 'worker' },
    true,
  );
  // Simulated machines run in a process of their own: like real ones, they outlive a worker.
  if (env.SIM_ENABLED) {
    run(
      'sim-agents',
      ['--import', 'tsx', 'scripts/sim-agents.ts'],
      { ...childEnv, SPOT_SERVICE: 'sim-agents' },
      true,
    );
  }
  run('web', [nextBin, 'start', '-p', String(env.PORT), '-H', env.HOST], {
    ...childEnv,
    SPOT_SERVICE: 'web',
  });
  say(`Spot Market is starting at ${env.APP_URL}`);
  if (demo.created) showDemoCredentials(demo.email, demo.password);
}

/** Shown once, when the account is created: only its hash is kept. */
function showDemoCredentials(email: string, password: string) {
  say('demo account created; sign in with:');
  say(`  email     ${email}`);
  say(`  password  ${password}`);
  say('this password is shown only now (SEED_DEMO_ACCOUNT=false skips the demo account)');
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});

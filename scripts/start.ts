import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { startEmbeddedPostgres, type RunningPostgres } from '@/lib/db/embedded-postgres';
import { seedDemoUser } from '@/lib/demo/demo-user';
import { getEnv } from '@/lib/env';
import { loadVapidKeys } from '@/lib/notify/vapid-keys';

/**
 * The quick start: PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data, then
 * the worker and the Next.js app as child processes. Ctrl-C stops all of it.
 */
const root = path.resolve(import.meta.dirname, '..');
const env = getEnv();
const say = (message: string) => console.log(`[start] ${message}`);

let postgres: RunningPostgres | undefined;
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
  if (postgres?.owned) await postgres.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function needsBuild(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return newer(full);
      return fs.statSync(full).mtimeMs > builtAt;
    });
  return ['app', 'components', 'lib', 'db', 'public'].some((dir) => fs.existsSync(path.join(root, dir)) && newer(path.join(root, dir)));
}

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
    say(`starting embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`);
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
  // Without VAPID keys in the environment, the first start generates the pair every process uses.
  await loadVapidKeys(database.db, env);
  await database.close();
  say('database ready');

  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  // `next start` runs the web app as production whatever NODE_ENV we were started with; the
  // launch environment is passed on so quick-start-only tools know where they run.
  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    SPOT_LAUNCH_ENV: env.SPOT_LAUNCH_ENV ?? env.NODE_ENV,
  };
  if (needsBuild()) {
    say('building the web app (first start or sources changed)…');
    const build = spawn(process.execPath, [nextBin, 'build'], {
      cwd: root,
      env: { ...childEnv, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    const code = await new Promise<number>((resolve) => build.on('exit', (c) => resolve(c ?? 1)));
    if (code !== 0) throw new Error('next build failed');
  }

  run('worker', ['--import', 'tsx', 'workers/main.ts'], { ...childEnv, SPOT_SERVICE: 'worker' });
  run('web', [nextBin, 'start', '-p', String(env.PORT), '-H', env.HOST], { ...childEnv, SPOT_SERVICE: 'web' });
  say(`Spot Market is starting at http://localhost:${env.PORT}`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});

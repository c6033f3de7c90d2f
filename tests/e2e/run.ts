import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@/lib/net/free-port';

/**
 * Runs Playwright against a whole app of its own: free ports for the web app, PostgreSQL and the
 * S3 stand-in, temporary folders for their data and the simulated machines, removed afterwards. Extra arguments go to `playwright test`.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'spot-market-e2e-'));
await fs.chmod(dataDir, 0o755);

const env = {
  ...process.env,
  E2E_PORT: String(await freePort()),
  E2E_PG_PORT: String(await freePort()),
  E2E_PG_DIR: path.join(dataDir, 'postgres'),
  E2E_S3_PORT: String(await freePort()),
  E2E_S3_DIR: path.join(dataDir, 's3'),
  E2E_MACHINES_DIR: path.join(dataDir, 'machines'),
  E2E_AUTH_SECRET: randomBytes(32).toString('base64url'),
  NEXT_TELEMETRY_DISABLED: '1',
};
const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const child = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const code = await new Promise<number>((resolve) => child.on('exit', (exit) => resolve(exit ?? 1)));

await fs.rm(dataDir, { recursive: true, force: true });
process.exit(code);

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const sourceDirs = ['app', 'components', 'lib', 'db', 'public'];
const sourceFiles = [
  'instrumentation.ts',
  'next.config.ts',
  'package-lock.json',
  'postcss.config.mjs',
  'proxy.ts',
  'tsconfig.json',
];

/** True when there is no production build, or a source file changed after it. */
export function needsBuild(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newer = (file: string): boolean => {
    const stat = fs.statSync(file);
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;
    return fs.readdirSync(file).some((name) => newer(path.join(file, name)));
  };
  return [...sourceDirs, ...sourceFiles]
    .map((name) => path.join(root, name))
    .some((file) => fs.existsSync(file) && newer(file));
}

/** Runs `next build` when needed; resolves when the build is there. */
export async function ensureBuilt(env: NodeJS.ProcessEnv, say: (message: string) => void) {
  if (!needsBuild()) return;
  say('building the web app (first start or sources changed)…');
  const build = spawn(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  const code = await new Promise<number>((resolve) =>
    build.on('exit', (exit) => resolve(exit ?? 1)),
  );
  if (code !== 0) throw new Error('next build failed');
}

import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Our own small answers in Vast.ai's shape (tests/fixtures/vastai). */
export const fixturePath = (name: string) =>
  path.join(repoRoot, 'tests', 'fixtures', 'vastai', name);
export const readFixture = (name: string) => fs.readFileSync(fixturePath(name), 'utf8');

/**
 * Real answers captured from the vast-ai CLI. They are third-party data kept beside the repo,
 * not in it; tests that need them are skipped, saying so, where the folder is absent.
 */
export const capturesDir = path.resolve(repoRoot, '..', 'shared', 'data', 'providers', 'vastai');
export const capturesPresent = fs.existsSync(capturesDir);
export const capturesMissingNote = capturesPresent
  ? ''
  : ` [skipped: no real Vast.ai captures at ${capturesDir}]`;
export const capturePath = (name: string) => path.join(capturesDir, name);
export const readCapture = (name: string) => fs.readFileSync(capturePath(name), 'utf8');

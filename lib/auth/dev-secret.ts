import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The quick start's auth secret: generated on the first start and kept in the git-ignored data
 * folder, so sessions survive restarts. Production never comes here; it must set
 * BETTER_AUTH_SECRET itself.
 */
export function loadOrCreateDevSecret(dataDir: string): { secret: string; created: boolean } {
  const file = path.join(dataDir, 'auth-secret');
  if (fs.existsSync(file)) return { secret: fs.readFileSync(file, 'utf8').trim(), created: false };

  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return { secret, created: true };
}

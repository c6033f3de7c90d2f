import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase } from '@/db/client';
import { APP_URL } from './route-client';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * Points the app's process-wide database at a fresh database of this test file, with the
 * environment the web app needs (a random auth secret, APP_URL). Each test file runs in its own
 * worker, so this environment does not leak into other files.
 */
export function useAppDatabase(): { readonly current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
    process.env.DATABASE_URL = holder.current.url;
    process.env.APP_URL = APP_URL;
    process.env.BETTER_AUTH_SECRET = randomBytes(32).toString('base64url');
  });
  afterAll(async () => {
    await closeDatabase();
    await holder.current?.drop();
  });
  return holder;
}

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/lib/net/free-port';
import { startPostgresProcess, type PostgresProcess } from '@/scripts/lib/postgres-process';

// A quick-start database folder with its server running, as `npm start` leaves it.
let dir: string;
let first: PostgresProcess;
let firstPort: number;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spot-market-twice-'));
  await fs.chmod(dir, 0o755);
  firstPort = await freePort();
  first = await startPostgresProcess({
    dataDir: path.join(dir, 'data'),
    port: firstPort,
    database: 'spot_market',
  });
}, 120_000);
afterAll(async () => {
  await first?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a second server on the same data folder', () => {
  it('is refused, naming the running one, even when asked for another port', async () => {
    const otherPort = await freePort();
    await expect(
      startPostgresProcess({
        dataDir: path.join(dir, 'data'),
        port: otherPort,
        database: 'spot_market',
      }),
    ).rejects.toThrow(
      new RegExp(`PostgreSQL is already running on .*data \\(pid \\d+, port ${firstPort}\\)`),
    );
  });

  it('is not started when reuse is asked: the running one is used, on its own port', async () => {
    const reused = await startPostgresProcess({
      dataDir: path.join(dir, 'data'),
      port: await freePort(),
      database: 'spot_market',
      reuse: true,
    });
    try {
      expect(new URL(reused.url).port).toBe(String(firstPort));
    } finally {
      await reused.stop();
    }
    // The reusing process leaves the server it did not start running.
    expect(new URL(first.url).port).toBe(String(firstPort));
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });
});

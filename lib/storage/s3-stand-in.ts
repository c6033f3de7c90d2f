import fs from 'node:fs/promises';
import S3rver from 's3rver';
import type { ObjectStoreConfig } from '@/agent/core/object-store';

export interface S3StandIn {
  config: ObjectStoreConfig;
  close(): Promise<void>;
}

/** s3rver's fixed credentials: it accepts any signature made with them. */
const ACCESS_KEY = 'S3RVER';

/**
 * An S3 server on 127.0.0.1 standing in for R2 (quick start, tests, benchmarks): real HTTP, real
 * S3 API, data in a folder. Port 0 picks a free one.
 */
export async function startS3StandIn(options: {
  port: number;
  directory: string;
  bucket?: string;
}): Promise<S3StandIn> {
  const bucket = options.bucket ?? 'spot-market';
  await fs.mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as { port: number };
  return {
    config: {
      endpoint: `http://127.0.0.1:${address.port}`,
      region: 'auto',
      accessKeyId: ACCESS_KEY,
      secretAccessKey: ACCESS_KEY,
      bucket,
    },
    close: () => server.close(),
  };
}

import path from 'node:path';
import type { Env } from '@/lib/env';
import { startS3StandIn } from '@/lib/storage/s3-stand-in';
import { root } from './web-app';

export interface ObjectStorage {
  /** R2_* for the child processes (empty when the environment has them already). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * R2 when R2_* is set; otherwise an S3 stand-in on 127.0.0.1 (S3_STANDIN_PORT) with its data in
 * S3_STANDIN_DIR, so the quick start's failover works with no configuration.
 */
export async function startObjectStorage(
  env: Env,
  say: (message: string) => void,
): Promise<ObjectStorage> {
  if (env.R2_ENDPOINT) {
    say(`using object storage at ${env.R2_ENDPOINT}, bucket ${env.R2_BUCKET}`);
    return { env: {}, close: async () => undefined };
  }
  const s3 = await startS3StandIn({
    port: env.S3_STANDIN_PORT,
    directory: path.resolve(root, env.S3_STANDIN_DIR),
  });
  say(`S3 stand-in for R2 at ${s3.config.endpoint} (data in ${env.S3_STANDIN_DIR})`);
  return {
    env: {
      R2_ENDPOINT: s3.config.endpoint,
      R2_ACCESS_KEY_ID: s3.config.accessKeyId,
      R2_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
      R2_BUCKET: s3.config.bucket,
    },
    close: () => s3.close(),
  };
}

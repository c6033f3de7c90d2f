import type { ObjectStoreConfig } from '@/agent/core/object-store';
import type { Env } from '@/lib/env';

/** R2 (or any S3 endpoint) from the environment; null when none is configured. */
export function objectStoreConfig(env: Env): ObjectStoreConfig | null {
  if (!env.R2_ENDPOINT || !env.R2_ACCESS_KEY_ID || !env.R2_SECRET_ACCESS_KEY || !env.R2_BUCKET) {
    return null;
  }
  return {
    endpoint: env.R2_ENDPOINT,
    region: env.R2_REGION,
    accessKeyId: env.R2_ACCESS_KEY_ID,
    secretAccessKey: env.R2_SECRET_ACCESS_KEY,
    bucket: env.R2_BUCKET,
  };
}

/** The address agents call back on: AGENT_CONTROL_URL, else APP_URL, else this server. */
export function agentControlUrl(env: Env): string {
  if (env.AGENT_CONTROL_URL) return env.AGENT_CONTROL_URL;
  if (env.APP_URL) return env.APP_URL;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return `http://${host}:${env.PORT}`;
}

import { appUrlOf, type Env } from '@/lib/env';

const loopbackAlias: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/**
 * The origins our own pages are served from: APP_URL's origin, and on a loopback address its
 * twin too (the quick start is opened as either localhost or 127.0.0.1).
 */
export function appOrigins(env: Env): string[] {
  const url = new URL(appUrlOf(env));
  const origins = [url.origin];
  const alias = loopbackAlias[url.hostname];
  if (alias) origins.push(`${url.protocol}//${alias}${url.port ? `:${url.port}` : ''}`);
  return origins;
}

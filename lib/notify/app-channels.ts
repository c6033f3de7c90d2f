import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import type { ChannelRegistry } from './channel';
import { createChannels, vapidLoader } from './channels';
import type { VapidDetails } from './vapid-keys';

const globalForNotify = globalThis as unknown as {
  spotMarketNotify?: { channels: ChannelRegistry; vapid: () => Promise<VapidDetails> };
};

/** The web app's channels (for their status) and VAPID keys, built once from the environment. */
export function getNotify() {
  if (!globalForNotify.spotMarketNotify) {
    const db = getDb();
    const env = getEnv();
    const vapid = vapidLoader(db, env);
    globalForNotify.spotMarketNotify = { channels: createChannels(db, env, {}, vapid), vapid };
  }
  return globalForNotify.spotMarketNotify;
}

import { getDb } from '@/db/client';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { createProviders } from './registry';
import type { ProviderAdapter } from './types';

const globalForProviders = globalThis as unknown as {
  spotMarketProviders?: Map<string, ProviderAdapter>;
};

/** The web app's provider adapters, built once from the environment. */
export function getProviders(): Map<string, ProviderAdapter> {
  globalForProviders.spotMarketProviders ??= createProviders({
    db: getDb(),
    clock: systemClock,
    env: getEnv(),
  });
  return globalForProviders.spotMarketProviders;
}

/** The providers this server can rent from: the ones switched on by the environment. */
export function getRentableProviders(): ReadonlySet<string> {
  return new Set(getProviders().keys());
}

import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { Env } from '@/lib/env';
import { SimulatedProvider } from './simulated/simulated-provider';
import type { ProviderAdapter } from './types';

export interface ProviderDeps {
  db: Db;
  clock: Clock;
  env: Env;
}

/** The providers switched on by the environment, by name. */
export function createProviders(deps: ProviderDeps): Map<string, ProviderAdapter> {
  const providers = new Map<string, ProviderAdapter>();
  if (deps.env.SIM_ENABLED) {
    providers.set('simulated', new SimulatedProvider({ db: deps.db, clock: deps.clock, seed: deps.env.SIM_SEED }));
  }
  return providers;
}

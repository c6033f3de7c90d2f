import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import type { Env } from '@/lib/env';
import { SimulatedProvider } from './simulated/simulated-provider';
import type { ProviderAdapter } from './types';
import { VastaiProvider } from './vastai/vastai-provider';

export interface ProviderDeps {
  db: Db;
  clock: Clock;
  env: Env;
}

/** The providers switched on by the environment, by name. */
export function createProviders(deps: ProviderDeps): Map<string, ProviderAdapter> {
  const providers = new Map<string, ProviderAdapter>();
  if (deps.env.SIM_ENABLED) {
    providers.set(
      'simulated',
      new SimulatedProvider({
        db: deps.db,
        clock: deps.clock,
        seed: deps.env.SIM_SEED,
        interruptions: deps.env.SIM_MACHINE_INTERRUPTIONS,
      }),
    );
  }
  if (deps.env.VASTAI_API_KEY) {
    providers.set(
      'vastai',
      new VastaiProvider({
        baseUrl: deps.env.VASTAI_BASE_URL,
        apiKey: deps.env.VASTAI_API_KEY,
        timeoutMs: deps.env.PROVIDER_TIMEOUT_MS,
        image: deps.env.VASTAI_IMAGE,
        diskGb: deps.env.VASTAI_DISK_GB,
      }),
    );
  }
  return providers;
}

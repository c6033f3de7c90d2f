import { z } from 'zod';
import type { Env } from '@/lib/env';
import { invalid, notFound } from '@/lib/errors';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import type { ProviderAdapter } from '@/lib/providers/types';

/**
 * The quick start's "push a simulated price" tool. Never in production (whatever NODE_ENV the
 * app was launched with; `npm start` passes it on as SPOT_LAUNCH_ENV because `next start`
 * forces production inside the web app) and never without the simulated market.
 */
export function simulatorToolsEnabled(
  env: Pick<Env, 'SIM_ENABLED' | 'NODE_ENV' | 'SPOT_LAUNCH_ENV'>,
): boolean {
  return env.SIM_ENABLED && (env.SPOT_LAUNCH_ENV ?? env.NODE_ENV) !== 'production';
}

/** The simulated provider when the tools are on; a 404 otherwise, as if they did not exist. */
export function requireSimulator(
  env: Env,
  providers: Map<string, ProviderAdapter>,
): SimulatedProvider {
  const provider = providers.get('simulated');
  if (!simulatorToolsEnabled(env) || !(provider instanceof SimulatedProvider))
    throw notFound('Simulator tools');
  return provider;
}

const place = z.string().trim().min(1, 'must not be empty').max(60);
const gpuModel = z.string({ message: 'is required' }).trim().min(1, 'is required').max(80);

export const pushSimulatedPriceInput = z.strictObject({
  gpuModel,
  /** A region or a location; absent for every simulated offer of the model. */
  region: place.nullable().optional(),
  pricePerGpuHour: z
    .number({ message: 'must be a number of dollars per GPU-hour' })
    .min(0.01, 'must be at least 0.01')
    .max(100, 'must be at most 100'),
});
export const clearSimulatedPricesInput = z.strictObject({
  gpuModel: gpuModel.optional(),
  region: place.nullable().optional(),
});

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function matching(provider: SimulatedProvider, gpu?: string, where?: string | null): string[] {
  return provider
    .specs()
    .filter((spec) => !gpu || same(spec.gpu.name, gpu))
    .filter((spec) => !where || same(spec.place.region, where) || same(spec.place.location, where))
    .map((spec) => spec.externalId);
}

/** Forces the price on every simulated offer of the GPU in the place; the next poll shows it. */
export async function pushSimulatedPrice(
  provider: SimulatedProvider,
  input: z.infer<typeof pushSimulatedPriceInput>,
) {
  const ids = matching(provider, input.gpuModel, input.region);
  if (ids.length === 0) {
    const field = matching(provider, input.gpuModel).length === 0 ? 'gpuModel' : 'region';
    throw invalid('No simulated offer matches', {
      [field]: `no simulated ${input.gpuModel} offer${input.region ? ` in ${input.region}` : ''}`,
    });
  }
  await provider.overridePrices(ids, input.pricePerGpuHour);
  return { offers: ids.length };
}

export async function clearSimulatedPrices(
  provider: SimulatedProvider,
  input: z.infer<typeof clearSimulatedPricesInput>,
) {
  const all = !input.gpuModel && !input.region;
  return {
    cleared: await provider.clearPriceOverrides(
      all ? undefined : matching(provider, input.gpuModel, input.region),
    ),
  };
}

export interface SimulatedPriceView {
  offerExternalId: string;
  gpuModel: string;
  gpuCount: number;
  region: string;
  location: string;
  pricePerGpuHour: number;
}

export async function listSimulatedPrices(
  provider: SimulatedProvider,
): Promise<SimulatedPriceView[]> {
  const overrides = await provider.priceOverrides();
  return overrides
    .map(({ spec, pricePerGpuHour }) => ({
      offerExternalId: spec.externalId,
      gpuModel: spec.gpu.name,
      gpuCount: spec.gpuCount,
      region: spec.place.region,
      location: spec.place.location,
      pricePerGpuHour,
    }))
    .sort((a, b) => a.offerExternalId.localeCompare(b.offerExternalId));
}

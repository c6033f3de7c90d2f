import type { Db } from '@/db/client';
import { invalid, type FieldErrors } from '@/lib/errors';
import { featuredGpuModels } from '@/lib/market/gpu-models';
import { getMarketCatalog } from '@/lib/market/market-catalog';
import { locations, regions } from '@/lib/market/regions';

export interface AlertTarget {
  gpuModel: string;
  region: string | null;
  location: string | null;
}

const findIgnoringCase = (list: Iterable<string>, value: string) =>
  [...list].find((item) => item.toLowerCase() === value.toLowerCase());

/**
 * Names the GPU and place as the market spells them, so an alert matches offers exactly. Any
 * GPU the market lists or the product features is accepted (an alert may wait for a model not
 * offered today); a place is a region or a location. A typo is a 400 naming the field.
 */
export async function resolveAlertTarget(
  db: Db,
  input: { gpuModel: string; region?: string | null },
): Promise<AlertTarget> {
  const catalog = await getMarketCatalog(db);
  const fields: FieldErrors = {};

  const gpuModel = findIgnoringCase(
    new Set([...featuredGpuModels.map((model) => model.name), ...catalog.gpuModels]),
    input.gpuModel,
  );
  if (!gpuModel) fields.gpuModel = `unknown GPU model "${input.gpuModel}"`;

  let region: string | null = null;
  let location: string | null = null;
  if (input.region) {
    region = findIgnoringCase(new Set([...regions, ...catalog.regions]), input.region) ?? null;
    if (!region) {
      const places = new Set([...locations, ...catalog.locations.map((row) => row.location)]);
      location = findIgnoringCase(places, input.region) ?? null;
    }
    if (!region && !location) fields.region = `unknown region or location "${input.region}"`;
  }

  if (Object.keys(fields).length > 0) throw invalid('Invalid price alert', fields);
  return { gpuModel: gpuModel!, region, location };
}

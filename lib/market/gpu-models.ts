/**
 * The GPU models the product always lists first, with the reference prices (per GPU-hour) the
 * simulated market walks around. Other models come from provider data as they are.
 */
export interface GpuModel {
  name: string;
  vramGb: number;
  spotPerGpuHour: number;
  onDemandPerGpuHour: number;
}

export const featuredGpuModels: readonly GpuModel[] = [
  { name: 'RTX 3090', vramGb: 24, spotPerGpuHour: 0.3, onDemandPerGpuHour: 1.2 },
  { name: 'RTX 4090', vramGb: 24, spotPerGpuHour: 0.4, onDemandPerGpuHour: 1.5 },
  { name: 'A100 40GB', vramGb: 40, spotPerGpuHour: 1.2, onDemandPerGpuHour: 4.0 },
  { name: 'A100 80GB', vramGb: 80, spotPerGpuHour: 1.6, onDemandPerGpuHour: 5.2 },
  { name: 'H100', vramGb: 80, spotPerGpuHour: 2.5, onDemandPerGpuHour: 8.0 },
];

const featuredOrder = new Map(featuredGpuModels.map((model, index) => [model.name, index]));

/** Featured models first in their fixed order, then every other model alphabetically. */
export function compareGpuModels(a: string, b: string): number {
  const rankA = featuredOrder.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rankB = featuredOrder.get(b) ?? Number.MAX_SAFE_INTEGER;
  return rankA - rankB || a.localeCompare(b, 'en', { numeric: true });
}

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A market is every offer of one GPU model in one region. */
export const marketIdOf = (gpuModel: string, region: string) =>
  `${slugify(gpuModel)}--${slugify(region)}`;

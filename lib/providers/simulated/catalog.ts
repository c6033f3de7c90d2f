import { featuredGpuModels, type GpuModel } from '@/lib/market/gpu-models';
import { placeOf, type Place } from '@/lib/market/regions';
import { between, unit } from './random';

/** One simulated offer: a host with a fixed configuration and its own hazard rate. */
export interface SimOfferSpec {
  externalId: string;
  gpu: GpuModel;
  gpuCount: number;
  place: Place;
  /** How this host's prices sit against the reference (location and host together). */
  priceFactor: number;
  onDemandFactor: number;
  /** Interruptions per hour of running time. */
  hazardPerHour: number;
  /** Machines of this configuration the host can rent out at once. */
  capacity: number;
  /** Minutes between the host's price changes. */
  repriceMinutes: number;
}

const sites: Record<string, { country: string; city: string; priceFactor: number }> = {
  'US-East': { country: 'US', city: 'Virginia', priceFactor: 1.0 },
  'US-Central': { country: 'US', city: 'Texas', priceFactor: 0.95 },
  'US-West': { country: 'US', city: 'Oregon', priceFactor: 1.02 },
  'EU-West': { country: 'NL', city: 'Amsterdam', priceFactor: 1.06 },
  'EU-Central': { country: 'DE', city: 'Frankfurt', priceFactor: 1.04 },
  'EU-North': { country: 'SE', city: 'Stockholm', priceFactor: 0.98 },
  'Asia-East': { country: 'JP', city: 'Tokyo', priceFactor: 1.12 },
  'Asia-Southeast': { country: 'SG', city: 'Singapore', priceFactor: 1.1 },
};

const extraModels: GpuModel[] = [
  { name: 'L4', vramGb: 24, spotPerGpuHour: 0.22, onDemandPerGpuHour: 0.8 },
  { name: 'RTX A4000', vramGb: 16, spotPerGpuHour: 0.12, onDemandPerGpuHour: 0.45 },
];

// Which configurations each model is offered in, and where.
const layout: Record<string, { locations: string[]; counts: number[] }> = {
  'RTX 3090': {
    locations: ['US-East', 'US-Central', 'US-West', 'EU-Central', 'EU-North', 'Asia-East', 'Asia-Southeast'],
    counts: [1, 2, 4],
  },
  'RTX 4090': {
    locations: ['US-East', 'US-Central', 'US-West', 'EU-West', 'EU-Central', 'EU-North', 'Asia-East'],
    counts: [1, 2, 4, 8],
  },
  'A100 40GB': { locations: ['US-East', 'US-West', 'EU-West', 'Asia-East'], counts: [1, 4, 8] },
  'A100 80GB': { locations: ['US-East', 'US-Central', 'EU-Central', 'Asia-Southeast'], counts: [1, 2, 8] },
  H100: { locations: ['US-East', 'US-West', 'EU-West', 'EU-North', 'Asia-East'], counts: [1, 8] },
  L4: { locations: ['US-Central', 'EU-West'], counts: [1, 4] },
  'RTX A4000': { locations: ['US-East', 'EU-Central'], counts: [1, 2] },
};

/** Mean planned length of a simulated rental, in hours (see market-model). */
export const MEAN_RENTAL_HOURS = 1.8;

/**
 * Interruption odds per rental: most hosts are dependable, a third are middling and a fifth are
 * often reclaimed, so markets land on every side of the 5% and 15% lines.
 */
function interruptionOdds(seed: number, externalId: string): number {
  const bucket = unit(seed, externalId, 'risk-bucket');
  if (bucket < 0.45) return between(0.005, 0.035, seed, externalId, 'risk');
  if (bucket < 0.8) return between(0.065, 0.125, seed, externalId, 'risk');
  return between(0.19, 0.35, seed, externalId, 'risk');
}

export function buildCatalog(seed: number): SimOfferSpec[] {
  const specs: SimOfferSpec[] = [];
  for (const gpu of [...featuredGpuModels, ...extraModels]) {
    const { locations, counts } = layout[gpu.name]!;
    for (const location of locations) {
      const site = sites[location]!;
      const place = placeOf(site.country, site.city)!;
      for (const gpuCount of counts) {
        const externalId = `sim-${gpu.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}-${location.toLowerCase()}-${gpuCount}x`;
        const odds = interruptionOdds(seed, externalId);
        specs.push({
          externalId,
          gpu,
          gpuCount,
          place: { ...place, location },
          priceFactor: site.priceFactor * between(0.88, 1.15, seed, externalId, 'host-price'),
          onDemandFactor: site.priceFactor * between(0.97, 1.08, seed, externalId, 'host-od'),
          hazardPerHour: -Math.log(1 - odds) / MEAN_RENTAL_HOURS,
          capacity: Math.max(1, Math.round(between(1, 9, seed, externalId, 'capacity') / Math.sqrt(gpuCount))),
          repriceMinutes: [5, 10, 15, 20][Math.floor(unit(seed, externalId, 'reprice') * 4)]!,
        });
      }
    }
  }
  return specs;
}

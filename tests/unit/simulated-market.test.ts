import { describe, expect, it } from 'vitest';
import { featuredGpuModels } from '@/lib/market/gpu-models';
import { buildCatalog } from '@/lib/providers/simulated/catalog';
import {
  availableCount,
  observedRentals,
  priceSteps,
  spotPricePerGpuHour,
} from '@/lib/providers/simulated/market-model';

const HOUR = 3_600_000;
const start = new Date('2026-03-02T00:00:00Z');

describe('simulated market', () => {
  const catalog = buildCatalog(42);

  it('offers every featured GPU in the US, the EU and Asia, in several locations', () => {
    for (const model of featuredGpuModels) {
      const offers = catalog.filter((spec) => spec.gpu.name === model.name);
      const regions = new Set(offers.map((spec) => spec.place.region));
      expect(regions.has('US'), model.name).toBe(true);
      expect(regions.size, model.name).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(catalog.map((spec) => spec.place.region))).toEqual(
      new Set(['US', 'EU', 'Asia']),
    );
    const locations = new Set(catalog.map((spec) => spec.place.location));
    expect([...locations]).toEqual(
      expect.arrayContaining(['US-East', 'US-West', 'EU-West', 'EU-Central', 'Asia-East']),
    );
  });

  it('is the same market for the same seed, and another for another seed', () => {
    const again = buildCatalog(42);
    const other = buildCatalog(7);
    const spec = catalog[10]!;
    expect(spotPricePerGpuHour(42, again[10]!, start)).toBe(spotPricePerGpuHour(42, spec, start));
    expect(observedRentals(42, again[10]!, start, new Date(start.getTime() + 6 * HOUR))).toEqual(
      observedRentals(42, spec, start, new Date(start.getTime() + 6 * HOUR)),
    );
    expect(other.map((s) => s.hazardPerHour)).not.toEqual(catalog.map((s) => s.hazardPerHour));
  });

  it('walks prices around the reference price', () => {
    for (const spec of catalog.filter((s) => s.gpu.name === 'RTX 4090' || s.gpu.name === 'H100')) {
      const steps = priceSteps(42, spec, start, new Date(start.getTime() + 48 * HOUR));
      const perGpu = steps.map((step) => step.spotPricePerHour / spec.gpuCount);
      const mean = perGpu.reduce((a, b) => a + b, 0) / perGpu.length;
      expect(mean / spec.gpu.spotPerGpuHour).toBeGreaterThan(0.75);
      expect(mean / spec.gpu.spotPerGpuHour).toBeLessThan(1.35);
      expect(new Set(perGpu).size).toBeGreaterThan(10);
    }
  });

  it('has markets well under 5% and markets over 15% interrupted in 24 h, each with 30 s – 2 min notice', () => {
    const end = new Date(start.getTime() + 24 * HOUR);
    const rates = catalog.map((spec) => {
      const rentals = observedRentals(42, spec, start, end);
      for (const rental of rentals.filter((r) => r.interruptedAt)) {
        const notice = rental.interruptedAt!.getTime() - rental.noticeAt!.getTime();
        expect(notice).toBeGreaterThanOrEqual(30_000 - 1);
        expect(notice).toBeLessThanOrEqual(120_000 + 1);
      }
      return rentals.filter((r) => r.interruptedAt).length / rentals.length;
    });
    expect(rates.filter((rate) => rate < 0.03).length).toBeGreaterThan(5);
    expect(rates.filter((rate) => rate > 0.15).length).toBeGreaterThan(5);
  });

  it('is sometimes out of stock and never has more machines than capacity', () => {
    const spec = catalog.find((s) => s.capacity <= 2)!;
    const counts = Array.from({ length: 24 * 14 }, (_, i) =>
      availableCount(42, spec, new Date(start.getTime() + i * HOUR)),
    );
    expect(Math.max(...counts)).toBeLessThanOrEqual(spec.capacity);
    expect(counts.some((count) => count === 0)).toBe(true);
    expect(counts.some((count) => count > 0)).toBe(true);
  });
});

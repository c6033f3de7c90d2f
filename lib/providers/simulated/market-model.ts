import type { ObservedRental, PriceObservation } from '../types';
import type { SimOfferSpec } from './catalog';
import { between, exponential, unit } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Value noise in [-1, 1] that drifts smoothly over `periodMs`. */
function drift(seed: number, key: string, channel: string, periodMs: number, t: number): number {
  const position = t / periodMs;
  const knot = Math.floor(position);
  const f = position - knot;
  const smooth = f * f * (3 - 2 * f);
  const a = unit(seed, key, channel, knot) * 2 - 1;
  const b = unit(seed, key, channel, knot + 1) * 2 - 1;
  return a + (b - a) * smooth;
}

/** Start of the pricing step that `t` falls in: hosts reprice every few minutes, not continuously. */
const stepStart = (spec: SimOfferSpec, t: number) => {
  const period = spec.repriceMinutes * MINUTE;
  return Math.floor(t / period) * period;
};

/** Spot price per GPU-hour, walking around the model's reference price. */
export function spotPricePerGpuHour(seed: number, spec: SimOfferSpec, time: Date): number {
  const step = stepStart(spec, time.getTime());
  const slow = drift(seed, spec.externalId, 'price-slow', 6 * HOUR, step);
  const fast = unit(seed, spec.externalId, 'price-fast', step) * 2 - 1;
  const factor = 1 + 0.14 * slow + 0.06 * fast;
  return round4(spec.gpu.spotPerGpuHour * spec.priceFactor * factor);
}

export function onDemandPricePerGpuHour(spec: SimOfferSpec): number {
  return round4(spec.gpu.onDemandPerGpuHour * spec.onDemandFactor);
}

/** Machines of this configuration free right now; zero now and then, as on a real market. */
export function availableCount(seed: number, spec: SimOfferSpec, time: Date): number {
  const step = stepStart(spec, time.getTime());
  const level = 0.45 + 0.8 * drift(seed, spec.externalId, 'availability', 3 * HOUR, step);
  return Math.round(spec.capacity * Math.min(1, Math.max(0, level)));
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** The host's price at every repricing step in [from, to), as a market feed would have shown it. */
export function priceSteps(seed: number, spec: SimOfferSpec, from: Date, to: Date): PriceObservation[] {
  const period = spec.repriceMinutes * MINUTE;
  const steps: PriceObservation[] = [];
  for (let t = stepStart(spec, from.getTime()) + period; t < to.getTime(); t += period) {
    const time = new Date(t);
    steps.push({
      offerExternalId: spec.externalId,
      observedAt: time,
      spotPricePerHour: spotPricePerGpuHour(seed, spec, time) * spec.gpuCount,
      onDemandPricePerHour: onDemandPricePerGpuHour(spec) * spec.gpuCount,
      available: availableCount(seed, spec, time) > 0,
    });
  }
  return steps;
}

// Other people's rentals on the simulated market: each host rents out machines in parallel
// lanes; a lane holds one rental per slot. A rental ends as planned unless the host's hazard
// takes it back first, after a notice of 30 s to 2 min.
const LANES = 6;
const SLOT_MS = 2 * HOUR;

interface LaneRental {
  externalId: string;
  startedAt: number;
  plannedEnd: number;
  interruptedAt: number | null;
  noticeAt: number | null;
}

function laneRental(seed: number, spec: SimOfferSpec, lane: number, slot: number): LaneRental {
  const key = `${spec.externalId}:${lane}:${slot}`;
  const phase = (lane * SLOT_MS) / LANES;
  const slotStart = slot * SLOT_MS + phase;
  const startedAt = slotStart + between(0, 15 * MINUTE, seed, key, 'gap');
  const plannedEnd = slotStart + SLOT_MS - between(0, 10 * MINUTE, seed, key, 'tail');
  const runsFor = exponential(spec.hazardPerHour, seed, key, 'hazard') * HOUR;
  const interruptedAt = startedAt + runsFor < plannedEnd ? Math.round(startedAt + runsFor) : null;
  const notice = between(30_000, 120_000, seed, key, 'notice');
  return {
    externalId: `${lane}:${slot}`,
    startedAt: Math.round(startedAt),
    plannedEnd: Math.round(plannedEnd),
    interruptedAt,
    noticeAt: interruptedAt === null ? null : Math.round(Math.max(startedAt, interruptedAt - notice)),
  };
}

/** Rentals of this host that were running at some point in [from, now], as seen at `now`. */
export function observedRentals(
  seed: number,
  spec: SimOfferSpec,
  from: Date,
  now: Date,
): ObservedRental[] {
  const result: ObservedRental[] = [];
  const start = from.getTime();
  const end = now.getTime();

  for (let lane = 0; lane < LANES; lane++) {
    const phase = (lane * SLOT_MS) / LANES;
    const firstSlot = Math.floor((start - phase) / SLOT_MS);
    const lastSlot = Math.floor((end - phase) / SLOT_MS);
    for (let slot = firstSlot; slot <= lastSlot; slot++) {
      const rental = laneRental(seed, spec, lane, slot);
      if (rental.startedAt > end) continue;
      const endsAt = rental.interruptedAt ?? rental.plannedEnd;
      if (endsAt < start) continue;

      const ended = endsAt <= end;
      result.push({
        offerExternalId: spec.externalId,
        externalId: rental.externalId,
        startedAt: new Date(rental.startedAt),
        endedAt: ended ? new Date(endsAt) : null,
        noticeAt: rental.noticeAt !== null && rental.noticeAt <= end ? new Date(rental.noticeAt) : null,
        interruptedAt: ended && rental.interruptedAt !== null ? new Date(rental.interruptedAt) : null,
      });
    }
  }
  return result;
}

/** When a machine rented from this host will be taken back, counted from its start. */
export function machineInterruption(
  seed: number,
  spec: SimOfferSpec,
  machineId: string,
  runningAt: Date,
): { noticeAt: Date; interruptAt: Date } {
  const runsFor = exponential(spec.hazardPerHour, seed, machineId, 'hazard') * HOUR;
  const interruptAt = runningAt.getTime() + runsFor;
  const notice = between(30_000, 120_000, seed, machineId, 'notice');
  return { noticeAt: new Date(interruptAt - notice), interruptAt: new Date(interruptAt) };
}

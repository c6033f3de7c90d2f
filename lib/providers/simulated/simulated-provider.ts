import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { simMachines, simPriceOverrides } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import {
  isGone,
  ProviderError,
  type ListOffersContext,
  type MachineState,
  type MarketSnapshot,
  type ProviderAdapter,
  type RentRequest,
  type RentResult,
} from '../types';
import {
  standbyTypes,
  type StandbyProvider,
  type StandbyRequest,
  type StandbyResult,
} from '../standby';
import { buildCatalog, type SimOfferSpec } from './catalog';
import {
  availableCount,
  machineInterruption,
  observedRentals,
  onDemandPricePerGpuHour,
  priceSteps,
  spotPricePerGpuHour,
} from './market-model';
import { insertMachineOnce, insertStandbyOnce, rentedEarlier } from './sim-machines';

const PROVISIONING_MS = 3_000;

/**
 * The default market: deterministic from a seed and driven by a clock. Its machines live in the
 * `simulator` schema, which stands for the provider's own systems.
 */
export class SimulatedProvider implements ProviderAdapter, StandbyProvider {
  readonly name = 'simulated';
  readonly displayName = 'Simulated market';
  readonly idempotentRent = true;
  private readonly catalog: Map<string, SimOfferSpec>;

  /** `interruptions: false` stops machines being taken back on their own (tests). */
  constructor(
    private readonly deps: { db: Db; clock: Clock; seed: number; interruptions?: boolean },
  ) {
    this.catalog = new Map(buildCatalog(deps.seed).map((spec) => [spec.externalId, spec]));
  }

  specs(): SimOfferSpec[] {
    return [...this.catalog.values()];
  }

  async listOffers(context: ListOffersContext): Promise<MarketSnapshot> {
    const { seed, db } = this.deps;
    const overrides = new Map(
      (await db.select().from(simPriceOverrides)).map((row) => [
        row.offerExternalId,
        row.spotPricePerGpuHour,
      ]),
    );

    const offers = this.specs().map((spec) => {
      const count = availableCount(seed, spec, context.now);
      const spotPerGpu =
        overrides.get(spec.externalId) ?? spotPricePerGpuHour(seed, spec, context.now);
      return {
        ...spec.place,
        externalId: spec.externalId,
        gpuModel: spec.gpu.name,
        gpuCount: spec.gpuCount,
        vramGb: spec.gpu.vramGb,
        spotPricePerHour: spotPerGpu * spec.gpuCount,
        onDemandPricePerHour: onDemandPricePerGpuHour(spec) * spec.gpuCount,
        available: count > 0,
        availableCount: count,
        providerReliability: null,
      };
    });

    const rentals = this.specs().flatMap((spec) =>
      observedRentals(seed, spec, context.observedSince, context.now),
    );
    const priceHistory = context.historySince
      ? this.specs().flatMap((spec) => priceSteps(seed, spec, context.historySince!, context.now))
      : undefined;
    return { offers, observedRentals: rentals, priceHistory };
  }

  /** Forces a spot price per GPU-hour on these offers until cleared (quick start and tests). */
  async overridePrices(externalIds: string[], pricePerGpuHour: number): Promise<void> {
    const rows = externalIds.map((offerExternalId) => ({
      offerExternalId,
      spotPricePerGpuHour: pricePerGpuHour,
    }));
    if (rows.length === 0) return;
    await this.deps.db
      .insert(simPriceOverrides)
      .values(rows)
      .onConflictDoUpdate({
        target: simPriceOverrides.offerExternalId,
        set: { spotPricePerGpuHour: pricePerGpuHour, createdAt: this.deps.clock.now() },
      });
  }

  /** Lets these offers (or every offer) follow the market model again. */
  async clearPriceOverrides(externalIds?: string[]): Promise<number> {
    const where = externalIds ? inArray(simPriceOverrides.offerExternalId, externalIds) : undefined;
    const cleared = await this.deps.db.delete(simPriceOverrides).where(where).returning();
    return cleared.length;
  }

  async priceOverrides(): Promise<Array<{ spec: SimOfferSpec; pricePerGpuHour: number }>> {
    const rows = await this.deps.db.select().from(simPriceOverrides);
    return rows.flatMap((row) => {
      const spec = this.catalog.get(row.offerExternalId);
      return spec ? [{ spec, pricePerGpuHour: row.spotPricePerGpuHour }] : [];
    });
  }

  async rent(request: RentRequest): Promise<RentResult> {
    const earlier = await rentedEarlier(this.deps.db, request.idempotencyKey);
    if (earlier) return earlier;
    const spec = this.catalog.get(request.offerExternalId);
    if (!spec)
      throw new ProviderError(this.name, `no offer ${request.offerExternalId}`, 'rejected');

    const now = this.deps.clock.now();
    const snapshot = await this.listOffers({
      now,
      observedSince: now,
      signal: AbortSignal.timeout(5_000),
    });
    const offer = snapshot.offers.find((candidate) => candidate.externalId === spec.externalId)!;
    if (!offer.available)
      throw new ProviderError(this.name, 'no capacity left on this offer', 'rejected');
    if (offer.spotPricePerHour > request.maxPricePerHour + 1e-9) {
      throw new ProviderError(
        this.name,
        `price is now ${offer.spotPricePerHour.toFixed(4)}/h`,
        'rejected',
      );
    }

    const machineId = `sim-${randomUUID()}`;
    const runningAt = new Date(now.getTime() + PROVISIONING_MS);
    const interruption =
      this.deps.interruptions === false
        ? { noticeAt: null, interruptAt: null }
        : machineInterruption(this.deps.seed, spec, machineId, runningAt);
    const machine = await insertMachineOnce(this.deps.db, {
      id: machineId,
      offerExternalId: spec.externalId,
      kind: 'gpu',
      machineType: `${spec.gpuCount}x ${spec.gpu.name}`,
      idempotencyKey: request.idempotencyKey ?? null,
      pricePerHour: offer.spotPricePerHour,
      bootEnv: request.bootEnv ?? null,
      createdAt: now,
      runningAt,
      noticeAt: interruption.noticeAt,
      interruptAt: interruption.interruptAt,
    });
    return {
      machineId: machine.id,
      pricePerHour: machine.pricePerHour ?? offer.spotPricePerHour,
      offerExternalId: machine.offerExternalId ?? spec.externalId,
    };
  }

  /** A CPU standby: on-demand, so never taken back, and up in a couple of seconds. */
  provisionStandby(request: StandbyRequest): Promise<StandbyResult> {
    return insertStandbyOnce(this.deps.db, this.deps.clock.now(), request);
  }

  async getMachine(machineId: string): Promise<MachineState> {
    const [machine] = await this.deps.db
      .select()
      .from(simMachines)
      .where(eq(simMachines.id, machineId));
    if (!machine) throw new ProviderError(this.name, `no machine ${machineId}`, 'rejected');

    const now = this.deps.clock.now().getTime();
    const reached = (time: Date | null) => time !== null && time.getTime() <= now;
    const status = reached(machine.terminatedAt)
      ? 'terminated'
      : reached(machine.interruptAt)
        ? 'interrupted'
        : reached(machine.noticeAt)
          ? 'interrupting'
          : machine.runningAt.getTime() > now
            ? 'provisioning'
            : 'running';
    const noticeKnown = reached(machine.noticeAt);
    return {
      machineId,
      status,
      noticeAt: noticeKnown ? machine.noticeAt : null,
      interruptAt: noticeKnown ? machine.interruptAt : null,
    };
  }

  async terminate(machineId: string): Promise<void> {
    const machine = await this.getMachine(machineId);
    if (isGone(machine.status)) return;
    await this.deps.db
      .update(simMachines)
      .set({ terminatedAt: this.deps.clock.now() })
      .where(eq(simMachines.id, machineId));
  }

  /** Announces that the provider takes the machine back after `noticeSeconds`. */
  async interrupt(machineId: string, noticeSeconds: number): Promise<MachineState> {
    const now = this.deps.clock.now();
    await this.deps.db
      .update(simMachines)
      .set({ noticeAt: now, interruptAt: new Date(now.getTime() + noticeSeconds * 1_000) })
      .where(eq(simMachines.id, machineId));
    return this.getMachine(machineId);
  }
}

import type { Place } from '@/lib/market/regions';

/** An offer as a provider describes it, already mapped to our models and places. */
export interface ProviderOffer extends Place {
  externalId: string;
  gpuModel: string;
  gpuCount: number;
  /** Per GPU. */
  vramGb: number;
  /** Whole machine, per hour. */
  spotPricePerHour: number;
  onDemandPricePerHour: number;
  available: boolean;
  availableCount: number;
  /** The provider's own reliability figure (0–1), where it publishes one. */
  providerReliability: number | null;
}

/** A rental observed on the provider's market (not ours), for the reliability indicators. */
export interface ObservedRental {
  offerExternalId: string;
  externalId: string;
  startedAt: Date;
  endedAt: Date | null;
  noticeAt: Date | null;
  interruptedAt: Date | null;
}

/** A past price of one offer, for providers that can tell their history. */
export interface PriceObservation {
  offerExternalId: string;
  observedAt: Date;
  spotPricePerHour: number;
  onDemandPricePerHour: number;
  available: boolean;
}

export interface MarketSnapshot {
  offers: ProviderOffer[];
  observedRentals: ObservedRental[];
  /** Earlier prices, answered only when the context asks for history. */
  priceHistory?: PriceObservation[];
}

export type MachineStatus =
  'provisioning' | 'running' | 'interrupting' | 'interrupted' | 'terminated';

export interface MachineState {
  machineId: string;
  status: MachineStatus;
  /** When the provider announced it will take the machine back. */
  noticeAt: Date | null;
  /** When the machine is (or was) taken back. */
  interruptAt: Date | null;
}

/** The machine no longer runs: taken back by the provider, or stopped. */
export const isGone = (status: MachineStatus | undefined): boolean =>
  status === 'interrupted' || status === 'terminated';

export interface RentRequest {
  offerExternalId: string;
  /** The most the user agreed to pay for the whole machine, per hour. */
  maxPricePerHour: number;
  /** Where the provider supports it: renting again with this key answers the same machine. */
  idempotencyKey?: string;
  /** Environment the machine boots with (its agent's identity and settings). */
  bootEnv?: Record<string, string>;
}

export interface RentResult {
  machineId: string;
  pricePerHour: number;
  /** The offer the machine was rented on (an idempotent retry answers the first one). */
  offerExternalId?: string;
}

export interface ListOffersContext {
  now: Date;
  /** Observed rentals already stored up to this time need not be sent again. */
  observedSince: Date;
  /** Set on a provider's first poll: earlier prices from this time on are welcome. */
  historySince?: Date;
  signal: AbortSignal;
}

/** One GPU provider. Adding a provider is adding a file that implements this. */
export interface ProviderAdapter {
  readonly name: string;
  readonly displayName: string;
  /** True when `rent` honours `idempotencyKey`; failover restores only onto such providers. */
  readonly idempotentRent?: boolean;
  listOffers(context: ListOffersContext): Promise<MarketSnapshot>;
  rent(request: RentRequest): Promise<RentResult>;
  getMachine(machineId: string): Promise<MachineState>;
  terminate(machineId: string): Promise<void>;
}

/** A provider answered something we cannot use: a bad payload, an error status, a timeout. */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly kind: 'timeout' | 'http' | 'payload' | 'rejected' = 'payload',
  ) {
    super(`${provider}: ${message}`);
    this.name = 'ProviderError';
  }
}

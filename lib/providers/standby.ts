import type { StandbyTypeId } from '@/lib/failover/settings/options';
import type { MachineState, ProviderAdapter } from './types';

export interface StandbyType {
  id: StandbyTypeId;
  label: string;
  tier: 'basic' | 'recommended' | 'high performance';
  vcpus: number;
  memoryGb: number;
  pricePerHour: number;
}

/** The CPU machines a rental's work can wait on while no GPU is available. */
export const standbyTypes: Record<StandbyTypeId, StandbyType> = {
  'e2-medium': {
    id: 'e2-medium',
    label: 'e2-medium',
    tier: 'basic',
    vcpus: 2,
    memoryGb: 4,
    pricePerHour: 0.03,
  },
  'e2-standard-4': {
    id: 'e2-standard-4',
    label: 'e2-standard-4',
    tier: 'recommended',
    vcpus: 4,
    memoryGb: 16,
    pricePerHour: 0.15,
  },
  'n2-standard-8': {
    id: 'n2-standard-8',
    label: 'n2-standard-8',
    tier: 'high performance',
    vcpus: 8,
    memoryGb: 32,
    pricePerHour: 0.4,
  },
};

export interface StandbyRequest {
  machineType: StandbyTypeId;
  /** Asking again with the same key answers the same machine: a retry never makes a second one. */
  idempotencyKey: string;
  region: string;
  /** Environment the machine boots with (its agent's identity and settings). */
  bootEnv: Record<string, string>;
}

export interface StandbyResult {
  machineId: string;
  machineType: StandbyTypeId;
  pricePerHour: number;
}

/** A provider that can bring up CPU standby machines (on-demand, not taken back). */
export interface StandbyProvider {
  readonly name: string;
  provisionStandby(request: StandbyRequest): Promise<StandbyResult>;
  getMachine(machineId: string): Promise<MachineState>;
  terminate(machineId: string): Promise<void>;
}

export function isStandbyProvider(adapter: unknown): adapter is StandbyProvider {
  return typeof (adapter as Partial<StandbyProvider>)?.provisionStandby === 'function';
}

/** The first provider that offers standbys (the simulated one in the quick start). */
export function findStandbyProvider(
  providers: Map<string, ProviderAdapter>,
): (StandbyProvider & ProviderAdapter) | null {
  for (const adapter of providers.values()) if (isStandbyProvider(adapter)) return adapter;
  return null;
}

import type { ObjectStore } from '@/agent/core/object-store';
import { and, eq, inArray } from 'drizzle-orm';
import { failoverRuns, rentals, type FailoverRunState } from '@/db/schema';
import { isGone } from '@/lib/providers/types';
import type { FailoverDeps, RunRow } from '../run/failover-deps';

export function requireStore(deps: FailoverDeps): ObjectStore {
  if (!deps.store) {
    throw new Error(
      'No object storage is configured (set R2_ENDPOINT, R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY, R2_BUCKET)',
    );
  }
  return deps.store;
}

export async function updateRun(deps: FailoverDeps, runId: string, values: Partial<RunRow>) {
  await deps.db.update(failoverRuns).set(values).where(eq(failoverRuns.id, runId));
}

/** Moves the run between states only from the ones expected (a resumed step writes once). */
export async function setRunState(
  deps: FailoverDeps,
  runId: string,
  from: FailoverRunState[],
  to: FailoverRunState,
  values: Partial<RunRow> = {},
): Promise<boolean> {
  const result = await deps.db
    .update(failoverRuns)
    .set({ ...values, state: to })
    .where(and(eq(failoverRuns.id, runId), inArray(failoverRuns.state, from)));
  return (result.rowCount ?? 0) > 0;
}

export const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function describeAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3_600).toFixed(1)} h`;
}

/** The user terminated the rental while a step waited on a machine: the run is to stop. */
export class RentalTerminatedError extends Error {
  override name = 'RentalTerminatedError';
  constructor() {
    super('the rental was terminated');
  }
}

/**
 * A watch for `awaitAgentCommand`: keeps waiting while the machine lives and for a short grace
 * after it is gone (a result sent just before may still be on its way), then stops. Throws
 * RentalTerminatedError once the user has terminated the rental: nothing is worth waiting for.
 */
export function whileMachineLives(
  deps: FailoverDeps,
  rentalId: string,
  provider: string,
  machineId: string,
  graceMs = 3_000,
): () => Promise<boolean> {
  let goneSince: number | null = null;
  return async () => {
    const [rental] = await deps.db
      .select({ state: rentals.state })
      .from(rentals)
      .where(eq(rentals.id, rentalId));
    if (rental?.state === 'terminated') throw new RentalTerminatedError();
    const adapter = deps.providers.get(provider);
    if (!adapter) return true;
    const state = await adapter.getMachine(machineId).catch(() => null);
    if (state && !isGone(state.status)) return true;
    goneSince ??= Date.now();
    return Date.now() - goneSince < graceMs;
  };
}

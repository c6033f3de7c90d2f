import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { rentalMachines } from '@/db/schema';
import type { Env } from '@/lib/env';
import { conflict, DomainError } from '@/lib/errors';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import type { ProviderAdapter } from '@/lib/providers/types';
import { findRental } from '@/lib/rentals/list-rentals';
import { simulatorToolsEnabled } from '@/lib/simulator/simulated-prices';

export const simulateInterruptionInput = z.strictObject({
  /** Seconds between the notice and the take-back: real providers give 30 s to 2 min. */
  noticeSeconds: z.number().int().min(0).max(120).default(30),
});
export type SimulateInterruptionInput = z.infer<typeof simulateInterruptionInput>;

/**
 * Why the simulation tool is unavailable here, or null when it may be used: like the other
 * simulator tools, never in production and never without the simulated market.
 */
export function simulationRefusal(
  env: Env,
  providers: Map<string, ProviderAdapter>,
): string | null {
  if (!env.SIM_ENABLED || !(providers.get('simulated') instanceof SimulatedProvider)) {
    return 'The simulated market is off';
  }
  if (!simulatorToolsEnabled(env)) return 'Simulated interruptions are for the quick start only';
  return null;
}

/**
 * The quick start's "Simulate interruption": the simulated provider announces it takes the
 * rental's GPU back; the machine's agent then calls our webhook as a real one would.
 */
export async function simulateInterruption(
  deps: { db: Db; env: Env; providers: Map<string, ProviderAdapter> },
  userId: string,
  rentalId: string,
  input: SimulateInterruptionInput,
) {
  const refusal = simulationRefusal(deps.env, deps.providers);
  if (refusal) throw new DomainError('forbidden', refusal);
  const rental = await findRental(deps.db, userId, rentalId);

  const [machine] = await deps.db
    .select()
    .from(rentalMachines)
    .where(
      and(
        eq(rentalMachines.rentalId, rental.id),
        eq(rentalMachines.kind, 'gpu'),
        eq(rentalMachines.provider, 'simulated'),
        isNull(rentalMachines.endedAt),
      ),
    );
  if (!machine?.machineId)
    throw conflict('This rental has no simulated GPU running', { reason: 'no_gpu' });

  const provider = deps.providers.get('simulated') as SimulatedProvider;
  const state = await provider.getMachine(machine.machineId);
  if (state.status !== 'running') {
    throw conflict(`The GPU is ${state.status}, not running`, { reason: 'not_running' });
  }
  const noticed = await provider.interrupt(machine.machineId, input.noticeSeconds);
  return {
    machineId: machine.machineId,
    noticeAt: noticed.noticeAt,
    interruptAt: noticed.interruptAt,
  };
}

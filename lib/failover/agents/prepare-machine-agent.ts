import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { machineAgents, type AgentRole } from '@/db/schema';

export interface MachineAgent {
  id: string;
  secret: string;
  rentalId: string;
  role: AgentRole;
}

/**
 * The identity a machine's agent boots with, made once per boot key (`rental:<id>:gpu`,
 * `<run>:standby`…): a retried provisioning reuses it, so the machine and our record agree.
 */
export async function prepareMachineAgent(
  db: Db,
  input: { bootKey: string; rentalId: string; role: AgentRole; provider: string },
): Promise<MachineAgent> {
  await db
    .insert(machineAgents)
    .values({ ...input, secret: randomBytes(32).toString('base64url') })
    .onConflictDoNothing({ target: machineAgents.bootKey });
  const [agent] = await db
    .select()
    .from(machineAgents)
    .where(eq(machineAgents.bootKey, input.bootKey));
  return agent!;
}

/** The environment a machine boots with so its agent can call back and reach its data. */
export function agentBootEnv(agent: MachineAgent, controlUrl: string): Record<string, string> {
  return {
    SPOT_AGENT_ID: agent.id,
    SPOT_AGENT_SECRET: agent.secret,
    SPOT_CONTROL_URL: controlUrl,
    SPOT_RENTAL_ID: agent.rentalId,
    SPOT_AGENT_ROLE: agent.role,
  };
}

/** Records which provider machine the agent runs on, once the provider has answered. */
export async function attachMachine(db: Db, agentId: string, provider: string, machineId: string) {
  await db.update(machineAgents).set({ provider, machineId }).where(eq(machineAgents.id, agentId));
}

export async function findAgentOfMachine(db: Db, provider: string, machineId: string) {
  const rows = await db.select().from(machineAgents).where(eq(machineAgents.machineId, machineId));
  return rows.find((row) => row.provider === provider) ?? null;
}

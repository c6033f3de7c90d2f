import type { AgentEvent } from '@/agent/core/protocol';
import type { machineAgents } from '@/db/schema';
import { detectInterruption, type DetectDeps } from '../detect-interruption';
import { recordCheckpoint } from './record-checkpoint';

type AgentRow = typeof machineAgents.$inferSelect;

export interface AgentEventAnswer {
  run: { id: string; state: string; created: boolean } | null;
}

/** What an agent's webhook tells us: a notice (→ failover run) or a finished checkpoint. */
export async function receiveAgentEvent(
  deps: DetectDeps,
  agent: AgentRow,
  event: AgentEvent,
): Promise<AgentEventAnswer> {
  if (event.event === 'checkpoint') {
    await recordCheckpoint(deps.db, {
      rentalId: agent.rentalId,
      agentId: agent.id,
      reason: event.reason,
      checkpoint: event.checkpoint,
    });
    return { run: null };
  }

  if (!agent.machineId || !agent.provider) return { run: null };
  const detected = await detectInterruption(deps, {
    provider: agent.provider,
    machineId: agent.machineId,
    via: 'webhook',
    source: event.source,
    noticeAt: new Date(event.noticeAt),
    interruptAt: event.interruptAt ? new Date(event.interruptAt) : null,
  });
  if (!detected) return { run: null };
  return { run: { id: detected.run.id, state: detected.run.state, created: detected.created } };
}

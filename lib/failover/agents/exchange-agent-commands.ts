import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  checkpointResult,
  type CommandsAnswer,
  type CommandsExchange,
} from '@/agent/core/protocol';
import type { Db } from '@/db/client';
import { agentCommands, machineAgents, rentals } from '@/db/schema';
import { settingsForRental } from '../settings/manage-failover-settings';
import { recordCheckpoint } from './record-checkpoint';

type AgentRow = typeof machineAgents.$inferSelect;

/**
 * One round of the agent's command channel: store the outcomes it reports (each command settles
 * once), then hand it what waits for it and its current settings.
 */
export async function exchangeAgentCommands(
  db: Db,
  agent: AgentRow,
  body: CommandsExchange,
  now: Date,
): Promise<CommandsAnswer> {
  for (const outcome of body.outcomes) {
    const [settled] = await db
      .update(agentCommands)
      .set(
        outcome.ok
          ? { state: 'succeeded', result: outcome.result, finishedAt: now }
          : { state: 'failed', error: outcome.error, finishedAt: now },
      )
      .where(
        and(
          eq(agentCommands.id, outcome.commandId),
          eq(agentCommands.agentId, agent.id),
          inArray(agentCommands.state, ['queued', 'dispatched']),
        ),
      )
      .returning();
    const checkpoint = outcome.ok ? checkpointResult.safeParse(outcome.result) : null;
    if (settled?.kind === 'checkpoint' && checkpoint?.success) {
      const reason = String(settled.args.reason ?? 'command');
      await recordCheckpoint(db, {
        rentalId: agent.rentalId,
        agentId: agent.id,
        reason,
        checkpoint: checkpoint.data,
      });
    }
  }

  const waiting = await db
    .select()
    .from(agentCommands)
    .where(
      and(
        eq(agentCommands.agentId, agent.id),
        inArray(agentCommands.state, ['queued', 'dispatched']),
      ),
    )
    .orderBy(asc(agentCommands.createdAt));
  const queued = waiting
    .filter((command) => command.state === 'queued')
    .map((command) => command.id);
  if (queued.length > 0) {
    await db
      .update(agentCommands)
      .set({ state: 'dispatched', dispatchedAt: now })
      .where(and(inArray(agentCommands.id, queued), eq(agentCommands.state, 'queued')));
  }

  const [rental] = await db.select().from(rentals).where(eq(rentals.id, agent.rentalId));
  const settings = rental ? await settingsForRental(db, rental) : null;
  return {
    commands: waiting.map(
      (command) =>
        ({
          id: command.id,
          kind: command.kind,
          args: command.args,
        }) as CommandsAnswer['commands'][number],
    ),
    config: {
      checkpointIntervalSeconds: settings?.enabled ? settings.checkpointIntervalMinutes * 60 : 0,
    },
  };
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { agentCommands, type AgentCommandKind } from '@/db/schema';

type CommandRow = typeof agentCommands.$inferSelect;

/**
 * Asks an agent for work under a unique key. Asking again with the key answers the first
 * command, finished or not: a resumed step waits for the work already asked, never asks twice.
 */
export async function queueAgentCommand(
  db: Db,
  input: {
    key: string;
    agentId: string;
    runId: string | null;
    kind: AgentCommandKind;
    args: Record<string, unknown>;
  },
): Promise<CommandRow> {
  await db.insert(agentCommands).values(input).onConflictDoNothing({ target: agentCommands.key });
  const [command] = await db.select().from(agentCommands).where(eq(agentCommands.key, input.key));
  return command!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a command's outcome. `watch` runs every couple of seconds and may throw (the machine
 * is gone) or answer false to stop waiting. Answers null when it stops without an outcome; the
 * command is then marked abandoned so the agent no longer receives it.
 */
export async function awaitAgentCommand(
  db: Db,
  key: string,
  options: { until: Date; signal: AbortSignal; watch?: () => Promise<boolean>; pollMs?: number },
): Promise<CommandRow | null> {
  let lastWatch = 0;
  while (Date.now() < options.until.getTime()) {
    options.signal.throwIfAborted();
    const [command] = await db.select().from(agentCommands).where(eq(agentCommands.key, key));
    if (command && (command.state === 'succeeded' || command.state === 'failed')) return command;
    if (options.watch && Date.now() - lastWatch >= 2_000) {
      lastWatch = Date.now();
      if (!(await options.watch())) break;
    }
    await sleep(options.pollMs ?? 150);
  }
  await db
    .update(agentCommands)
    .set({ state: 'abandoned', finishedAt: new Date() })
    .where(and(eq(agentCommands.key, key), inArray(agentCommands.state, ['queued', 'dispatched'])));
  const [command] = await db.select().from(agentCommands).where(eq(agentCommands.key, key));
  return command && (command.state === 'succeeded' || command.state === 'failed') ? command : null;
}

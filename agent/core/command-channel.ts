import type { ControlClient } from './control-client';
import { sleep, type AgentLogger } from './deliver-notice';
import type { AgentCommand, AgentConfig, CommandOutcome } from './protocol';

export interface CommandChannelOptions {
  control: ControlClient;
  agentId: string;
  logger: AgentLogger;
  signal: AbortSignal;
  /** Runs one command; its result (or error) is reported on the next exchange. */
  execute(command: AgentCommand): Promise<Record<string, unknown>>;
  /** The settings the control plane hands out with every answer. */
  onConfig(config: AgentConfig): void;
  /** Exchange often (every 250 ms) while something may be asked soon, else every second. */
  busy(): boolean;
}

/**
 * The agent's side of the command channel: report finished commands, take the waiting ones,
 * run each once per command id (the control plane hands a command out until its outcome
 * arrives), and back off while the control plane is unreachable, keeping outcomes to send.
 */
export async function runCommandChannel(options: CommandChannelOptions): Promise<void> {
  const launched = new Set<string>();
  const outbox: CommandOutcome[] = [];
  const { logger, agentId, signal } = options;

  const launch = (command: AgentCommand) => {
    if (launched.has(command.id)) return;
    launched.add(command.id);
    const log = { agent_id: agentId, command_id: command.id, kind: command.kind };
    logger.info(log, 'agent_command_started');
    options.execute(command).then(
      (result) => void outbox.push({ commandId: command.id, ok: true, result }),
      (error: unknown) => {
        if (signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        logger.warn({ ...log, err: message }, 'agent_command_failed');
        outbox.push({ commandId: command.id, ok: false, error: message.slice(0, 2000) });
      },
    );
  };

  let failures = 0;
  while (!signal.aborted) {
    const sending = outbox.splice(0);
    try {
      const answer = await options.control.exchange(sending);
      options.onConfig(answer.config);
      for (const command of answer.commands) launch(command);
      failures = 0;
    } catch (error) {
      outbox.unshift(...sending);
      if (failures++ % 20 === 0) {
        logger.warn({ agent_id: agentId, err: String(error) }, 'agent_exchange_failed');
      }
    }
    const busy = options.busy() || outbox.length > 0;
    await sleep(failures ? Math.min(5_000, 250 * 2 ** failures) : busy ? 250 : 1_000, signal);
  }
}

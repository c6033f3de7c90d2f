import { randomUUID } from 'node:crypto';
import { AGENT_HEADER, signBody, SIGNATURE_HEADER } from './sign-request';
import {
  commandsAnswer,
  type AgentEvent,
  type CommandOutcome,
  type CommandsAnswer,
} from './protocol';

export interface ControlClientOptions {
  /** The app's address as the machine reaches it, e.g. https://spot.example.com */
  baseUrl: string;
  agentId: string;
  secret: string;
  timeoutMs?: number;
}

type EventBody<E> = E extends AgentEvent ? Omit<E, 'agentId' | 'nonce' | 'sentAt'> : never;

export class ControlRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlRequestError';
  }
}

/** Signed requests from a machine's agent to the control plane. */
export class ControlClient {
  constructor(private readonly options: ControlClientOptions) {}

  /** The webhook: tells the control plane about a notice or a checkpoint. */
  async sendEvent(event: EventBody<AgentEvent>): Promise<unknown> {
    return this.post('/api/agent/webhook', event);
  }

  /** Reports finished commands and answers the ones waiting, with the agent's settings. */
  async exchange(outcomes: CommandOutcome[]): Promise<CommandsAnswer> {
    return commandsAnswer.parse(await this.post('/api/agent/commands', { outcomes }));
  }

  private async post(path: string, payload: object): Promise<unknown> {
    const body = JSON.stringify({
      ...payload,
      agentId: this.options.agentId,
      nonce: randomUUID(),
      sentAt: new Date().toISOString(),
    });
    const response = await fetch(new URL(path, this.options.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [AGENT_HEADER]: this.options.agentId,
        [SIGNATURE_HEADER]: signBody(this.options.secret, body),
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ControlRequestError(
        response.status,
        `${path} answered ${response.status}: ${text.slice(0, 200)}`,
      );
    }
    return text ? JSON.parse(text) : null;
  }
}

import type { ControlClient } from './control-client';
import { ControlRequestError } from './control-client';

export interface AgentLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface Notice {
  source: 'gce' | 'aws' | 'simulated' | 'manual';
  noticeAt: Date;
  /** When the provider takes the machine back, where it says so. */
  interruptAt: Date | null;
}

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Sends the notice webhook until the control plane takes it (or answers that it never will, a
 * 4xx), retrying with back-off until shortly after the machine is gone. Answers the run's id.
 */
export async function deliverNotice(
  control: ControlClient,
  notice: Notice,
  signal: AbortSignal,
  logger: AgentLogger,
  agentId: string,
): Promise<string | null> {
  const deadline = (notice.interruptAt?.getTime() ?? Date.now() + 120_000) + 5_000;
  for (
    let delay = 100;
    !signal.aborted && Date.now() < deadline;
    delay = Math.min(delay * 2, 2_000)
  ) {
    try {
      const answer = (await control.sendEvent({
        event: 'notice',
        source: notice.source,
        noticeAt: notice.noticeAt.toISOString(),
        interruptAt: notice.interruptAt?.toISOString() ?? null,
      })) as { run?: { id?: string } | null } | null;
      logger.info({ agent_id: agentId, run_id: answer?.run?.id ?? null }, 'agent_notice_delivered');
      return answer?.run?.id ?? null;
    } catch (error) {
      logger.warn({ agent_id: agentId, err: String(error) }, 'agent_webhook_failed');
      if (error instanceof ControlRequestError && error.status >= 400 && error.status < 500)
        return null;
      await sleep(delay, signal);
    }
  }
  return null;
}

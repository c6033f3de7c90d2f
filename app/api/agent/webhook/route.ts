import { agentEvent } from '@/agent/core/protocol';
import { getDb } from '@/db/client';
import { systemClock } from '@/lib/clock';
import { appUrlOf, getEnv } from '@/lib/env';
import { failoverNotifier } from '@/lib/failover/notify/failover-notifier';
import { authenticateAgentRequest } from '@/lib/failover/agents/authenticate-agent';
import { receiveAgentEvent } from '@/lib/failover/agents/receive-agent-event';
import { json } from '@/lib/http/errors';
import { readBody } from '@/lib/http/route';
import { AGENT_BODY_LIMIT, signedRoute } from '@/lib/http/signed-route';
import { wakeRunFromWeb } from '@/lib/jobs/job-sender';
import { logger } from '@/lib/logger';

export const dynamic = 'force-dynamic';

/** Machines' agents report here: an interruption notice (→ failover run) or a checkpoint. */
export const POST = signedRoute(async (request) => {
  const db = getDb();
  // Bounded before the signature is checked: an unsigned request must not cost us memory.
  const raw = await readBody(request, AGENT_BODY_LIMIT);
  const { agent, body } = await authenticateAgentRequest(
    db,
    agentEvent,
    request.headers,
    raw,
    new Date(),
  );
  const answer = await receiveAgentEvent(
    {
      db,
      clock: systemClock,
      logger,
      wake: wakeRunFromWeb,
      // Queued here, sent by the workers' sweep within seconds.
      warn: { notifier: failoverNotifier(), appUrl: appUrlOf(getEnv()) },
    },
    agent,
    body,
  );
  return json(answer, { status: 202 });
});

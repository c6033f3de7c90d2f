import { agentEvent } from '@/agent/core/protocol';
import { getDb } from '@/db/client';
import { systemClock } from '@/lib/clock';
import { authenticateAgentRequest } from '@/lib/failover/agents/authenticate-agent';
import { receiveAgentEvent } from '@/lib/failover/agents/receive-agent-event';
import { json } from '@/lib/http/errors';
import { signedRoute } from '@/lib/http/signed-route';
import { wakeRunFromWeb } from '@/lib/jobs/job-sender';
import { logger } from '@/lib/logger';

export const dynamic = 'force-dynamic';

/** Machines' agents report here: an interruption notice (→ failover run) or a checkpoint. */
export const POST = signedRoute(async (request) => {
  const db = getDb();
  const raw = await request.text();
  const { agent, body } = await authenticateAgentRequest(
    db,
    agentEvent,
    request.headers,
    raw,
    new Date(),
  );
  const answer = await receiveAgentEvent(
    { db, clock: systemClock, logger, wake: wakeRunFromWeb },
    agent,
    body,
  );
  return json(answer, { status: 202 });
});

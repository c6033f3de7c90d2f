import { commandsExchange } from '@/agent/core/protocol';
import { getDb } from '@/db/client';
import { exchangeAgentCommands } from '@/lib/failover/agents/exchange-agent-commands';
import { authenticateAgentRequest } from '@/lib/failover/agents/authenticate-agent';
import { json } from '@/lib/http/errors';
import { readBody } from '@/lib/http/route';
import { AGENT_BODY_LIMIT, signedRoute } from '@/lib/http/signed-route';

export const dynamic = 'force-dynamic';

/** An agent's command channel: it reports outcomes and gets the commands waiting for it. */
export const POST = signedRoute(async (request) => {
  const db = getDb();
  // Bounded before the signature is checked: an unsigned request must not cost us memory.
  const raw = await readBody(request, AGENT_BODY_LIMIT);
  const now = new Date();
  const { agent, body } = await authenticateAgentRequest(
    db,
    commandsExchange,
    request.headers,
    raw,
    now,
  );
  return json(await exchangeAgentCommands(db, agent, body, now));
});

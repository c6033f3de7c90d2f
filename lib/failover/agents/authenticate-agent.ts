import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AGENT_HEADER, SIGNATURE_HEADER, verifySignature } from '@/agent/core/sign-request';
import type { Db } from '@/db/client';
import { agentNonces, machineAgents, rentals } from '@/db/schema';
import { DomainError, forbidden, invalid, notFound } from '@/lib/errors';
import { parseJson } from '@/lib/http/route';

type AgentRow = typeof machineAgents.$inferSelect;

const unauthorized = (message: string, field: string, reason: string) =>
  new DomainError('unauthorized', message, { [field]: message }, { reason });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a signed agent request before anything in it is trusted: the agent exists (404), the
 * HMAC over the raw body matches its secret (401), the timestamp is fresh (401), its rental has
 * not ended (403), the body is
 * what the schema says (400 naming the field), and its nonce was never seen (401, a replay).
 */
export async function authenticateAgentRequest<T extends { agentId: string; nonce: string }>(
  db: Db,
  schema: z.ZodType<T>,
  headers: Headers,
  rawBody: string,
  now: Date,
): Promise<{ agent: AgentRow; body: T }> {
  const agentId = headers.get(AGENT_HEADER);
  if (!agentId) throw unauthorized('The agent header is missing', AGENT_HEADER, 'missing_agent');
  const signature = headers.get(SIGNATURE_HEADER);
  if (!signature) {
    throw unauthorized('The signature header is missing', SIGNATURE_HEADER, 'missing_signature');
  }

  const [agent] = UUID.test(agentId)
    ? await db.select().from(machineAgents).where(eq(machineAgents.id, agentId))
    : [];
  if (!agent) throw notFound('Machine agent');

  const check = verifySignature(agent.secret, rawBody, signature, now.getTime());
  if (check === 'stale') {
    throw unauthorized('The signature is too old or from the future', SIGNATURE_HEADER, 'stale');
  }
  if (check !== 'ok') throw unauthorized('The signature does not match', SIGNATURE_HEADER, check);

  // A machine's credentials live as long as its rental: once it has ended, nothing it says counts.
  const [rental] = await db
    .select({ endedAt: rentals.endedAt })
    .from(rentals)
    .where(eq(rentals.id, agent.rentalId));
  if (!rental || rental.endedAt) throw forbidden('The rental this machine served has ended');

  const body = parseJson(schema, rawBody);
  if (body.agentId !== agent.id) {
    throw invalid('The body names another agent', { agentId: 'must match the agent header' });
  }

  const fresh = await db
    .insert(agentNonces)
    .values({ agentId: agent.id, nonce: body.nonce, receivedAt: now })
    .onConflictDoNothing()
    .returning();
  if (fresh.length === 0)
    throw unauthorized('This request was already received', 'nonce', 'replayed');

  await db.update(machineAgents).set({ lastSeenAt: now }).where(eq(machineAgents.id, agent.id));
  return { agent, body };
}

import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import {
  simulateInterruption,
  simulateInterruptionInput,
} from '@/lib/failover/simulate-interruption';
import { json } from '@/lib/http/errors';
import { parseBody, parseParams, route } from '@/lib/http/route';
import { getProviders } from '@/lib/providers/app-providers';

export const dynamic = 'force-dynamic';

const rentalParams = z.object({ id: z.uuid({ message: 'must be a rental id' }) });
type Context = { params: Promise<{ id: string }> };

/** Quick start only: the simulated provider announces it takes this rental's GPU back. */
export const POST = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(rentalParams, params);
  const input = await parseBody(simulateInterruptionInput, request);
  const notice = await simulateInterruption(
    { db: getDb(), env: getEnv(), providers: getProviders() },
    user.id,
    id,
    input,
  );
  return json({ notice }, { status: 202 });
});

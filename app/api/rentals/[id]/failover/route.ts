import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { getRentalFailover } from '@/lib/failover/view/get-rental-failover';
import { failoverOverrideInput } from '@/lib/failover/settings/failover-settings';
import { setRentalOverride } from '@/lib/failover/settings/manage-failover-settings';
import { json } from '@/lib/http/errors';
import { parseBody, parseParams, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const rentalParams = z.object({ id: z.uuid({ message: 'must be a rental id' }) });
type Context = { params: Promise<{ id: string }> };

/** The rental page's live data: state, costs, checkpoints, settings and every failover run. */
export const GET = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(rentalParams, params);
  return json(await getRentalFailover(getDb(), getEnv(), user.id, id, new Date()));
});

/** Overrides the user's failover settings for this rental (`{ override: null }` clears it). */
export const PUT = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(rentalParams, params);
  const { override } = await parseBody(failoverOverrideInput, request);
  return json({ settings: await setRentalOverride(getDb(), user.id, id, override) });
});

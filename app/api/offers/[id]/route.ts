import { z } from 'zod';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { json } from '@/lib/http/errors';
import { parseParams, route } from '@/lib/http/route';
import { getOffer } from '@/lib/market/get-offer';

export const dynamic = 'force-dynamic';

const offerParams = z.object({ id: z.uuid({ message: 'must be an offer id' }) });

export const GET = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const { id } = await parseParams(offerParams, params);
  const offer = await getOffer(getDb(), id, {
    now: new Date(),
    staleAfterSeconds: getEnv().STALE_AFTER_SECONDS,
  });
  return json({ offer });
});

import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { systemClock } from '@/lib/clock';
import { json } from '@/lib/http/errors';
import { parseParams, route } from '@/lib/http/route';
import { getProviders } from '@/lib/providers/app-providers';
import { getRental } from '@/lib/rentals/list-rentals';
import { terminateRental } from '@/lib/rentals/terminate-rental';

export const dynamic = 'force-dynamic';

const rentalParams = z.object({ id: z.uuid({ message: 'must be a rental id' }) });
type Context = { params: Promise<{ id: string }> };

export const GET = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(rentalParams, params);
  return json({ rental: await getRental(getDb(), user.id, id, new Date()) });
});

export const DELETE = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(rentalParams, params);
  const rental = await terminateRental({ db: getDb(), clock: systemClock, providers: getProviders() }, user.id, id);
  return json({ rental });
});

import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { systemClock } from '@/lib/clock';
import { getEnv } from '@/lib/env';
import { json } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';
import { getProviders } from '@/lib/providers/app-providers';
import { createRental, createRentalInput } from '@/lib/rentals/create-rental';
import { listRentals } from '@/lib/rentals/list-rentals';
import { agentControlUrl } from '@/lib/storage/object-store-config';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const user = await requireUser(request);
  return json({ rentals: await listRentals(getDb(), user.id, new Date()) });
});

export const POST = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(createRentalInput, request);
  const rental = await createRental(
    {
      db: getDb(),
      clock: systemClock,
      providers: getProviders(),
      agentControlUrl: agentControlUrl(getEnv()),
    },
    user.id,
    input,
  );
  return json({ rental }, { status: 201 });
});

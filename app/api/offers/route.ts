import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { getRentableProviders } from '@/lib/providers/app-providers';
import { json } from '@/lib/http/errors';
import { parseQuery, route } from '@/lib/http/route';
import { offerSearchQuery } from '@/lib/market/offer-query';
import { searchOffers } from '@/lib/market/search-offers';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const query = parseQuery(offerSearchQuery, request.url);
  const page = await searchOffers(getDb(), query, {
    now: new Date(),
    staleAfterSeconds: getEnv().STALE_AFTER_SECONDS,
    rentableProviders: getRentableProviders(),
  });
  return json(page);
});

import { getDb } from '@/db/client';
import { json } from '@/lib/http/errors';
import { parseParams, parseQuery, route } from '@/lib/http/route';
import { getMarketHistory, marketHistoryQuery, marketParams } from '@/lib/market/market-history';

export const dynamic = 'force-dynamic';

export const GET = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await parseParams(marketParams, params);
  const { range } = parseQuery(marketHistoryQuery, request.url);
  return json(await getMarketHistory(getDb(), id, range, new Date()));
});

import { getDb } from '@/db/client';
import { json } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getMarketCatalog } from '@/lib/market/market-catalog';

export const dynamic = 'force-dynamic';

/** What the market filters can offer: every GPU model, region and location in the data. */
export const GET = route(async () => json(await getMarketCatalog(getDb())));

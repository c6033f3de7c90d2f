import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { json } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { checkHealth } from '@/lib/market/check-health';

export const dynamic = 'force-dynamic';

export const GET = route(async () => {
  const health = await checkHealth(getDb(), new Date(), getEnv());
  return json(health, { status: health.status === 'ok' ? 200 : 503 });
});

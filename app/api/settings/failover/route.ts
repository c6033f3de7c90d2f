import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { failoverSettingsInput } from '@/lib/failover/settings/failover-settings';
import {
  getFailoverSettings,
  updateFailoverSettings,
} from '@/lib/failover/settings/manage-failover-settings';
import { json } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const user = await requireUser(request);
  return json({ settings: await getFailoverSettings(getDb(), user.id) });
});

export const PUT = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(failoverSettingsInput, request);
  return json({ settings: await updateFailoverSettings(getDb(), user.id, input, new Date()) });
});

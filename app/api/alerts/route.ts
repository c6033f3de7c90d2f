import { getDb } from '@/db/client';
import { createAlertInput } from '@/lib/alerts/alert-input';
import { listAlerts } from '@/lib/alerts/alert-view';
import { createAlert } from '@/lib/alerts/manage-alerts';
import { requireUser } from '@/lib/auth/current-user';
import { json } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const user = await requireUser(request);
  return json({ alerts: await listAlerts(getDb(), user.id) });
});

export const POST = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(createAlertInput, request);
  return json({ alert: await createAlert(getDb(), user.id, input, new Date()) }, { status: 201 });
});

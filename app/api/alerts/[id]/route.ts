import { getDb } from '@/db/client';
import { alertParams, updateAlertInput } from '@/lib/alerts/alert-input';
import { deleteAlert, getAlert, updateAlert } from '@/lib/alerts/manage-alerts';
import { requireUser } from '@/lib/auth/current-user';
import { json } from '@/lib/http/errors';
import { parseBody, parseParams, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(alertParams, params);
  return json({ alert: await getAlert(getDb(), user.id, id) });
});

/** Edits the rule or channels, or pauses (`{ "paused": true }`) and resumes the alert. */
export const PATCH = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(alertParams, params);
  const input = await parseBody(updateAlertInput, request);
  return json({ alert: await updateAlert(getDb(), user.id, id, input, new Date()) });
});

export const DELETE = route<Context>(async (request, { params }) => {
  const user = await requireUser(request);
  const { id } = await parseParams(alertParams, params);
  await deleteAlert(getDb(), user.id, id);
  return new Response(null, { status: 204 });
});

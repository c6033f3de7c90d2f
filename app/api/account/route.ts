import { getDb } from '@/db/client';
import { getAccount } from '@/lib/account/account-view';
import { deleteAccount, deleteAccountInput } from '@/lib/account/delete-account';
import { updateAccount, updateAccountInput } from '@/lib/account/update-account';
import { getAuth } from '@/lib/auth/auth';
import { requireUser } from '@/lib/auth/current-user';
import { systemClock } from '@/lib/clock';
import { json, withCookies } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';
import { getProviders } from '@/lib/providers/app-providers';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const user = await requireUser(request);
  return json({ account: await getAccount(getDb(), user.id) });
});

export const PATCH = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(updateAccountInput, request);
  return json({ account: await updateAccount(getDb(), user.id, input) });
});

export const DELETE = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(deleteAccountInput, request);
  const deps = { db: getDb(), clock: systemClock, providers: getProviders(), auth: getAuth() };
  const cleared = await deleteAccount(deps, user, input, request.headers);
  return withCookies(json({ deleted: true }), cleared);
});

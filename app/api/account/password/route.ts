import { getDb } from '@/db/client';
import { changePassword, changePasswordInput } from '@/lib/account/change-password';
import { getAuth } from '@/lib/auth/auth';
import { requireUser } from '@/lib/auth/current-user';
import { json, withCookies } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(changePasswordInput, request);
  const renewed = await changePassword(
    { db: getDb(), auth: getAuth() },
    user,
    input,
    request.headers,
  );
  return withCookies(json({ changed: true }), renewed);
});

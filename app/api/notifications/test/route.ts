import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { appUrlOf, getEnv } from '@/lib/env';
import { json } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';
import { sendTestNotification, testNotificationInput } from '@/lib/notify/send-test-notification';

export const dynamic = 'force-dynamic';

export const POST = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(testNotificationInput, request);
  const notification = await sendTestNotification(getDb(), user.id, input, {
    appUrl: appUrlOf(getEnv()),
    now: new Date(),
  });
  return json({ notification }, { status: 202 });
});

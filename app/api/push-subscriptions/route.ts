import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { json } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';
import {
  deletePushSubscription,
  pushSubscriptionInput,
  pushUnsubscribeInput,
  savePushSubscription,
} from '@/lib/notify/push-subscriptions';

export const dynamic = 'force-dynamic';

/** The browser's PushSubscription, posted by "Enable push on this device". */
export const POST = route(async (request) => {
  const user = await requireUser(request);
  const input = await parseBody(pushSubscriptionInput, request);
  const saved = await savePushSubscription(getDb(), user.id, {
    ...input,
    userAgent: request.headers.get('user-agent')?.slice(0, 300),
  });
  return json({ subscription: saved }, { status: 201 });
});

export const DELETE = route(async (request) => {
  const user = await requireUser(request);
  const { endpoint } = await parseBody(pushUnsubscribeInput, request);
  await deletePushSubscription(getDb(), user.id, endpoint);
  return new Response(null, { status: 204 });
});

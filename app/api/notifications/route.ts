import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { json } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getNotify } from '@/lib/notify/app-channels';
import { listNotifications } from '@/lib/notify/list-notifications';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const user = await requireUser(request);
  const [notifications, email] = await Promise.all([
    listNotifications(getDb(), user.id),
    getNotify().channels.get('email')!.status(),
  ]);
  return json({ notifications, email: { mode: email.mode, detail: email.detail } });
});

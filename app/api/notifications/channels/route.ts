import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { json } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getNotify } from '@/lib/notify/app-channels';
import { getNotificationSettings } from '@/lib/notify/notification-settings';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const user = await requireUser(request);
  const { channels, vapid } = getNotify();
  return json(await getNotificationSettings(getDb(), user.id, channels, vapid));
});

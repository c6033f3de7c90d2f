import { count, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pushSubscriptions, users, type NotificationChannel } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { ChannelRegistry, ChannelStatus } from './channel';
import { NO_PHONE } from './sms';
import type { VapidDetails } from './vapid-keys';

export interface NotificationSettings {
  email: ChannelStatus & { address: string };
  push: ChannelStatus & { publicKey: string; devices: number };
  sms: ChannelStatus & { phone: string | null; problem: string | null };
}

/** Shows enough of a number to recognise it: +1 415 ••• 0123. */
const maskPhone = (phone: string) =>
  `${phone.slice(0, -4).replace(/\d(?=\d{3})/g, '•')}${phone.slice(-4)}`;

/** Each channel's state for Settings → Notifications, from the server's and the user's side. */
export async function getNotificationSettings(
  db: Db,
  userId: string,
  channels: ChannelRegistry,
  vapid: () => Promise<VapidDetails>,
): Promise<NotificationSettings> {
  const [user] = await db
    .select({ email: users.email, phone: users.phone })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound('Account');
  const [devices] = await db
    .select({ n: count() })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));

  const status = (channel: NotificationChannel) => channels.get(channel)!.status();
  const [email, push, sms, keys] = await Promise.all([
    status('email'),
    status('push'),
    status('sms'),
    vapid(),
  ]);
  return {
    email: { ...email, address: user.email },
    push: { ...push, publicKey: keys.publicKey, devices: devices?.n ?? 0 },
    sms: {
      ...sms,
      phone: user.phone ? maskPhone(user.phone) : null,
      problem: !sms.available ? sms.detail : user.phone ? null : NO_PHONE,
    },
  };
}

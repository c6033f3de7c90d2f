import type { Db } from '@/db/client';
import type { NotificationChannel } from '@/db/schema';
import type { Env } from '@/lib/env';
import type { ChannelAdapter, ChannelRegistry } from './channel';
import { createEmailChannel } from './email';
import { createPushChannel, type PushSettings } from './push';
import { createSmsChannel, type SmsSettings } from './sms';
import { loadVapidKeys, type VapidDetails } from './vapid-keys';

export interface ChannelOverrides {
  /** Replaces the push endpoint policy (tests reach a push endpoint on 127.0.0.1). */
  push?: Pick<PushSettings, 'endpointPolicy'>;
  sms?: Pick<SmsSettings, 'httpClient'>;
}

/** The VAPID keys, loaded (or generated) once per process and shared by whoever needs them. */
export function vapidLoader(db: Db, env: Env): () => Promise<VapidDetails> {
  let vapid: Promise<VapidDetails> | undefined;
  return () => {
    vapid ??= loadVapidKeys(db, env).catch((error) => {
      vapid = undefined;
      throw error;
    });
    return vapid;
  };
}

/** Every channel, configured from the environment. A channel without settings says why. */
export function createChannels(
  db: Db,
  env: Env,
  overrides: ChannelOverrides = {},
  loadVapid = vapidLoader(db, env),
): ChannelRegistry {
  const adapters: ChannelAdapter[] = [
    createEmailChannel({ smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM }),
    createPushChannel({ db, vapid: loadVapid, ...overrides.push }),
    createSmsChannel({
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      from: env.TWILIO_FROM,
      ...overrides.sms,
    }),
  ];
  return new Map<NotificationChannel, ChannelAdapter>(
    adapters.map((adapter) => [adapter.channel, adapter]),
  );
}

import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '@/db/client';
import { vapidKeys } from '@/db/schema';
import { appUrlOf, type Env } from '@/lib/env';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
  source: 'environment' | 'database';
}

type VapidEnv = Pick<
  Env,
  'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY' | 'VAPID_SUBJECT' | 'APP_URL' | 'PORT'
>;

/** Push services want a way to reach the sender: the site when it is https, else a mailbox. */
const defaultSubject = (appUrl: string) =>
  appUrl.startsWith('https://') ? appUrl : 'mailto:push@localhost';

/**
 * The server's VAPID keys: from the environment, or generated on first use and kept in the
 * database, so every process (and every restart) signs with the same pair. Browsers subscribed
 * with one public key stop receiving if it changes.
 */
export async function loadVapidKeys(db: Db, env: VapidEnv): Promise<VapidDetails> {
  const subject = env.VAPID_SUBJECT ?? defaultSubject(appUrlOf(env));
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    return {
      subject,
      publicKey: env.VAPID_PUBLIC_KEY,
      privateKey: env.VAPID_PRIVATE_KEY,
      source: 'environment',
    };
  }

  const stored = async () => (await db.select().from(vapidKeys).where(eq(vapidKeys.id, 1)))[0];
  let row = await stored();
  if (!row) {
    const generated = webpush.generateVAPIDKeys();
    // Two processes starting at once both generate; the first insert wins and both read it.
    await db
      .insert(vapidKeys)
      .values({ id: 1, ...generated })
      .onConflictDoNothing();
    row = await stored();
  }
  return { subject, publicKey: row!.publicKey, privateKey: row!.privateKey, source: 'database' };
}

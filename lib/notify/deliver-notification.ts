import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { NotificationChannel, NotificationKind } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import { DeliveryError, scrubContact, type ChannelRegistry, type SendReceipt } from './channel';

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  channels: ChannelRegistry;
}

export const MAX_ATTEMPTS = 5;
/** Wait after the 1st, 2nd, 3rd and 4th failed try; the 5th failure is final. */
export const RETRY_DELAYS_SECONDS = [15, 60, 300, 900] as const;
/** How long a claimed notification may stay `sending`; every adapter times out well before. */
export const LEASE_SECONDS = 180;
// A retry job is started by the database's clock and claimed by this worker's: a worker a
// little behind must not find the notification "not yet due" and leave it to the next sweep.
const CLOCK_TOLERANCE_SECONDS = 2;

export type DeliveryOutcome =
  | { outcome: 'sent'; receipt: SendReceipt }
  | { outcome: 'retrying'; retryInSeconds: number; reason: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'skipped' };

type ClaimedRow = {
  id: string;
  user_id: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  email: string;
  phone: string | null;
};

/**
 * Delivers one notification: claims it (queued or retrying, and due), sends it through its
 * channel, records the result. The claim is one guarded UPDATE, so a second job for the same
 * notification (a duplicate, a retry, another worker) finds nothing to claim and sends nothing.
 */
export async function deliverNotification(
  deps: DeliveryDeps,
  notificationId: string,
): Promise<DeliveryOutcome> {
  const { db, logger } = deps;
  const now = deps.clock.now();
  const claimed = await db.execute<ClaimedRow>(sql`
    update notifications n set state = 'sending', attempts = n.attempts + 1,
      claimed_until = ${now.toISOString()}::timestamptz + make_interval(secs => ${LEASE_SECONDS}),
      updated_at = ${now.toISOString()}::timestamptz
    from users u
    where n.id = ${notificationId} and u.id = n.user_id
      and n.state in ('queued', 'retrying')
      and n.next_attempt_at <= ${now.toISOString()}::timestamptz + make_interval(secs => ${CLOCK_TOLERANCE_SECONDS})
    returning n.id, n.user_id, n.kind, n.channel, n.title, n.body, n.link, n.attempts, u.email, u.phone`);
  const row = claimed.rows[0];
  if (!row) return { outcome: 'skipped' };

  const log = {
    notification_id: row.id,
    channel: row.channel,
    user_id: row.user_id,
    attempt: row.attempts,
  };
  try {
    const adapter = deps.channels.get(row.channel);
    if (!adapter) throw new DeliveryError(`No ${row.channel} channel on this server`, true);
    const receipt = await adapter.send({
      notificationId: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link,
      recipient: { userId: row.user_id, email: row.email, phone: row.phone },
    });
    await settle(db, row, deps.clock.now(), {
      state: 'sent',
      via: receipt.via,
      providerMessageId: receipt.providerMessageId ?? null,
    });
    logger.info({ ...log, via: receipt.via }, 'notification_sent');
    return { outcome: 'sent', receipt };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    const permanent = error instanceof DeliveryError ? error.permanent : false;
    const at = deps.clock.now();

    if (!permanent && row.attempts < MAX_ATTEMPTS) {
      const retryInSeconds = RETRY_DELAYS_SECONDS[row.attempts - 1] ?? RETRY_DELAYS_SECONDS.at(-1)!;
      await settle(db, row, at, {
        state: 'retrying',
        reason,
        retryAt: new Date(at.getTime() + retryInSeconds * 1_000),
      });
      logger.warn(
        { ...log, retry_in_s: retryInSeconds, error: scrubContact(reason) },
        'notification_retrying',
      );
      return { outcome: 'retrying', retryInSeconds, reason };
    }
    await settle(db, row, at, { state: 'failed', reason });
    logger.warn({ ...log, permanent, error: scrubContact(reason) }, 'notification_failed');
    return { outcome: 'failed', reason };
  }
}

type Settlement =
  | { state: 'sent'; via: string; providerMessageId: string | null }
  | { state: 'retrying'; reason: string; retryAt: Date }
  | { state: 'failed'; reason: string };

/** Records the result of the claimed attempt; a claim that was taken from us changes nothing. */
async function settle(db: Db, row: ClaimedRow, at: Date, result: Settlement): Promise<void> {
  const time = at.toISOString();
  const changes =
    result.state === 'sent'
      ? sql`state = 'sent', sent_at = ${time}::timestamptz, via = ${result.via},
          provider_message_id = ${result.providerMessageId}, last_error = null`
      : result.state === 'retrying'
        ? sql`state = 'retrying', last_error = ${result.reason},
            next_attempt_at = ${result.retryAt.toISOString()}::timestamptz`
        : sql`state = 'failed', failed_at = ${time}::timestamptz, last_error = ${result.reason}`;
  await db.execute(sql`
    update notifications set ${changes}, claimed_until = null, updated_at = ${time}::timestamptz
    where id = ${row.id} and state = 'sending' and attempts = ${row.attempts}`);
}

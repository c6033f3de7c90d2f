import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

export const INTERRUPTED_REASON =
  'Delivery was interrupted (the worker stopped while sending); not sent again, so it cannot arrive twice';

/**
 * A notification left `sending` past its lease belonged to a worker that died mid-send: the
 * provider may or may not have taken it. It ends as failed with that reason rather than being
 * sent again, because a second copy cannot be taken back and the row shows what happened.
 */
export async function endInterruptedDeliveries(db: Db, now: Date): Promise<number> {
  const result = await db.execute(sql`
    update notifications set state = 'failed', failed_at = ${now.toISOString()}::timestamptz,
      last_error = ${INTERRUPTED_REASON}, claimed_until = null, updated_at = ${now.toISOString()}::timestamptz
    where state = 'sending' and claimed_until < ${now.toISOString()}::timestamptz`);
  return result.rowCount ?? 0;
}

/**
 * Notifications that are due and not being sent: written without a delivery job (by the web
 * app, or by a worker that stopped between deciding and queueing) or whose retry job was lost.
 */
export async function findDueNotifications(db: Db, now: Date, limit = 1_000): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    select id from notifications
    where state in ('queued', 'retrying') and next_attempt_at <= ${now.toISOString()}::timestamptz
    order by next_attempt_at limit ${limit}`);
  return result.rows.map((row) => row.id);
}

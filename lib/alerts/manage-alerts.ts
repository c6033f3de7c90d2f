import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { priceAlerts } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import type { CreateAlertInput, UpdateAlertInput } from './alert-input';
import { listAlerts, type AlertView } from './alert-view';
import { resolveAlertTarget } from './resolve-alert-target';

async function viewOf(db: Db, userId: string, alertId: string): Promise<AlertView> {
  const [view] = await listAlerts(db, userId, alertId);
  if (!view) throw notFound('Price alert');
  return view;
}

/** A new alert starts armed: it fires at the first evaluation that finds a price at or below. */
/** Each alert may message its owner; a bound keeps one account from turning that into spam. */
export const MAX_ALERTS_PER_USER = 100;

export async function createAlert(
  db: Db,
  userId: string,
  input: CreateAlertInput,
  now: Date,
): Promise<AlertView> {
  const target = await resolveAlertTarget(db, input);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(priceAlerts)
    .where(eq(priceAlerts.userId, userId));
  if (total >= MAX_ALERTS_PER_USER) {
    throw conflict(
      `An account holds at most ${MAX_ALERTS_PER_USER} price alerts; delete one first`,
      {
        reason: 'too_many_alerts',
      },
    );
  }

  const [alert] = await db
    .insert(priceAlerts)
    .values({
      userId,
      ...target,
      maxPricePerGpuHour: input.maxPricePerGpuHour,
      channels: input.channels,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: priceAlerts.id });
  return viewOf(db, userId, alert!.id);
}

/**
 * Edits an alert, or pauses and resumes it. A changed rule (GPU, bound, place) re-arms it, as a
 * new alert would be; new channels or a pause keep its state, so resuming does not repeat a
 * message already sent for the current crossing.
 */
export async function updateAlert(
  db: Db,
  userId: string,
  alertId: string,
  input: UpdateAlertInput,
  now: Date,
): Promise<AlertView> {
  const [current] = await db
    .select()
    .from(priceAlerts)
    .where(and(eq(priceAlerts.id, alertId), eq(priceAlerts.userId, userId)));
  if (!current) throw notFound('Price alert');

  const ruleChanged =
    input.gpuModel !== undefined ||
    input.maxPricePerGpuHour !== undefined ||
    input.region !== undefined;
  const target = ruleChanged
    ? await resolveAlertTarget(db, {
        gpuModel: input.gpuModel ?? current.gpuModel,
        region: input.region !== undefined ? input.region : (current.location ?? current.region),
      })
    : null;

  await db
    .update(priceAlerts)
    .set({
      ...(target ?? {}),
      ...(input.maxPricePerGpuHour !== undefined
        ? { maxPricePerGpuHour: input.maxPricePerGpuHour }
        : {}),
      ...(input.channels ? { channels: input.channels } : {}),
      ...(ruleChanged ? { state: 'armed' as const } : {}),
      ...(input.paused === true
        ? { pausedAt: sql`coalesce(${priceAlerts.pausedAt}, ${now.toISOString()}::timestamptz)` }
        : {}),
      ...(input.paused === false ? { pausedAt: null } : {}),
      updatedAt: now,
    })
    .where(and(eq(priceAlerts.id, alertId), eq(priceAlerts.userId, userId)));
  return viewOf(db, userId, alertId);
}

/** Deletes an alert; its past notifications stay in the user's list. */
export async function deleteAlert(db: Db, userId: string, alertId: string): Promise<void> {
  const deleted = await db
    .delete(priceAlerts)
    .where(and(eq(priceAlerts.id, alertId), eq(priceAlerts.userId, userId)))
    .returning({ id: priceAlerts.id });
  if (deleted.length === 0) throw notFound('Price alert');
}

export { viewOf as getAlert };

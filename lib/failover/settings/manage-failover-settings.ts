import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { failoverSettings, rentals } from '@/db/schema';
import { notFound } from '@/lib/errors';
import {
  defaultFailoverSettings,
  effectiveSettings,
  type EffectiveSettings,
  type FailoverOverride,
  type FailoverSettings,
} from './failover-settings';

type SettingsRow = typeof failoverSettings.$inferSelect;
type RentalRow = typeof rentals.$inferSelect;

const toSettings = (row: SettingsRow): FailoverSettings => ({
  enabled: row.enabled,
  standbyType: row.standbyType,
  autoRestore: row.autoRestore,
  checkpointIntervalMinutes: row.checkpointIntervalMinutes,
  channels: row.channels,
  restoreMaxPricePerGpuHour: row.restoreMaxPricePerGpuHour,
});

/** The user's failover settings; the defaults until they save their own. */
export async function getFailoverSettings(db: Db, userId: string): Promise<FailoverSettings> {
  const [row] = await db.select().from(failoverSettings).where(eq(failoverSettings.userId, userId));
  return row ? toSettings(row) : { ...defaultFailoverSettings };
}

export async function updateFailoverSettings(
  db: Db,
  userId: string,
  input: FailoverSettings,
  now: Date,
): Promise<FailoverSettings> {
  const values = { ...input, updatedAt: now };
  const [row] = await db
    .insert(failoverSettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: failoverSettings.userId, set: values })
    .returning();
  return toSettings(row!);
}

/** What applies to this rental now: the user's settings under the rental's override. */
export async function settingsForRental(db: Db, rental: RentalRow): Promise<EffectiveSettings> {
  return effectiveSettings(
    await getFailoverSettings(db, rental.userId),
    rental.failoverOverrides,
    rental,
  );
}

/** Sets (or with null clears) one rental's override; another user's rental is not found. */
export async function setRentalOverride(
  db: Db,
  userId: string,
  rentalId: string,
  override: FailoverOverride | null,
): Promise<EffectiveSettings> {
  const cleaned = override && Object.keys(override).length > 0 ? override : null;
  const [rental] = await db
    .update(rentals)
    .set({ failoverOverrides: cleaned as Record<string, unknown> | null })
    .where(and(eq(rentals.id, rentalId), eq(rentals.userId, userId)))
    .returning();
  if (!rental) throw notFound('Rental');
  return settingsForRental(db, rental);
}

import { z } from 'zod';
import { failoverChannels, standbyTypeIds } from '@/db/schema';
import { fitsPriceColumn } from '@/db/schema/columns';

export const failoverSettingsInput = z.strictObject({
  enabled: z.boolean(),
  standbyType: z.enum(standbyTypeIds),
  autoRestore: z.boolean(),
  checkpointIntervalMinutes: z
    .number({ message: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(1440, 'must be at most 1440 minutes (a day)'),
  channels: z
    .array(z.enum(failoverChannels))
    .max(failoverChannels.length)
    .refine((channels) => new Set(channels).size === channels.length, 'lists a channel twice'),
  /** Null: restore at or below the rental's own spot price per GPU-hour. */
  restoreMaxPricePerGpuHour: z
    .number({ message: 'must be a price per GPU-hour in dollars' })
    .min(0.001, 'must be at least $0.001 per GPU-hour')
    .max(100, 'must be at most $100 per GPU-hour')
    .refine(fitsPriceColumn, 'must have at most 5 decimals')
    .nullable(),
});
export type FailoverSettings = z.infer<typeof failoverSettingsInput>;

/** Any subset of the settings, for one rental; null clears the rental's override. */
export const failoverOverrideInput = z.strictObject({
  override: failoverSettingsInput.partial().nullable(),
});
export type FailoverOverride = Partial<FailoverSettings>;

export const defaultFailoverSettings: FailoverSettings = {
  enabled: false,
  standbyType: 'e2-standard-4',
  autoRestore: true,
  checkpointIntervalMinutes: 30,
  channels: ['email', 'push'],
  restoreMaxPricePerGpuHour: null,
};

export interface EffectiveSettings extends FailoverSettings {
  /** The price bound a restore uses, per GPU-hour, after the rental-price default. */
  restoreBoundPerGpuHour: number;
}

/** The user's settings with the rental's override on top (a malformed override is ignored). */
export function effectiveSettings(
  user: FailoverSettings,
  override: unknown,
  rental: { spotPricePerHour: number; gpuCount: number },
): EffectiveSettings {
  const parsed = failoverSettingsInput.partial().safeParse(override ?? {});
  const merged = { ...user, ...(parsed.success ? parsed.data : {}) };
  const rentalPerGpu = rental.spotPricePerHour / Math.max(1, rental.gpuCount);
  return {
    ...merged,
    restoreBoundPerGpuHour:
      merged.restoreMaxPricePerGpuHour ?? Math.round(rentalPerGpu * 1e5) / 1e5,
  };
}

import { z } from 'zod';
import { failoverChannels, standbyTypeIds } from '@/db/schema';

export const failoverSettingsInput = z.strictObject({
  enabled: z.boolean(),
  standbyType: z.enum(standbyTypeIds),
  autoRestore: z.boolean(),
  checkpointIntervalMinutes: z.number().int().min(1).max(1440),
  channels: z
    .array(z.enum(failoverChannels))
    .max(failoverChannels.length)
    .refine((channels) => new Set(channels).size === channels.length, 'lists a channel twice'),
  /** Null: restore at or below the rental's own spot price per GPU-hour. */
  restoreMaxPricePerGpuHour: z.number().positive().max(100).nullable(),
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

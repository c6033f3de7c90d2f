import { z } from 'zod';
import { notificationChannels } from '@/db/schema';
import { fitsPriceColumn } from '@/db/schema/columns';

export const MIN_ALERT_PRICE = 0.01;
export const MAX_ALERT_PRICE = 100;

const channels = z
  .array(z.enum(notificationChannels, { message: 'must be email, push or sms' }), {
    message: 'must be a list of channels',
  })
  .min(1, 'choose at least one channel')
  .refine((list) => new Set(list).size === list.length, 'lists a channel twice');

const fields = {
  gpuModel: z.string({ message: 'is required' }).trim().min(1, 'is required').max(80),
  /** Per GPU-hour, in dollars. */
  maxPricePerGpuHour: z
    .number({ message: 'must be a number of dollars per GPU-hour' })
    .min(MIN_ALERT_PRICE, `must be at least ${MIN_ALERT_PRICE.toFixed(2)}`)
    .max(MAX_ALERT_PRICE, `must be at most ${MAX_ALERT_PRICE.toFixed(2)}`)
    .refine(fitsPriceColumn, 'has more than 5 decimals'),
  /** A region (US, EU, Asia…) or a finer location (US-East…); null or absent for anywhere. */
  region: z.string().trim().min(1, 'must not be empty').max(60).nullable().optional(),
  channels,
};

export const createAlertInput = z.strictObject(fields);
export type CreateAlertInput = z.infer<typeof createAlertInput>;

export const updateAlertInput = z
  .strictObject({
    gpuModel: fields.gpuModel.optional(),
    maxPricePerGpuHour: fields.maxPricePerGpuHour.optional(),
    region: fields.region,
    channels: channels.optional(),
    paused: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: 'changes nothing', path: ['body'] });
export type UpdateAlertInput = z.infer<typeof updateAlertInput>;

export const alertParams = z.object({ id: z.uuid({ message: 'must be an alert id' }) });

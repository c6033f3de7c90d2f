'use client';

import { failoverChannels, standbyTypeIds } from '@/lib/failover/settings/options';
import type { FailoverSettings } from '@/lib/failover/settings/failover-settings';
import { standbyTypes } from '@/lib/providers/standby';
import { formatPrice } from '@/lib/client/format';

const channelLabels = { email: 'Email', push: 'Push', sms: 'SMS' } as const;
const fieldError = 'mt-1 block text-xs text-rose-700';

interface Props {
  value: FailoverSettings;
  onChange(next: FailoverSettings): void;
  errors: Record<string, string>;
  /** The price the bound defaults to, when known (a rental's own spot price per GPU-hour). */
  rentalPricePerGpuHour?: number;
}

/** The failover settings as form fields: used for the user's settings and a rental's override. */
export function FailoverFields({ value, onChange, errors, rentalPricePerGpuHour }: Props) {
  const set = <K extends keyof FailoverSettings>(key: K, next: FailoverSettings[K]) =>
    onChange({ ...value, [key]: next });
  // The server names each bad field; its message is shown under the field it belongs to.
  const error = (name: string) =>
    errors[name] ? (
      <span className={fieldError} data-field-error={name}>
        {errors[name]}
      </span>
    ) : null;

  return (
    <div className="space-y-5">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(event) => set('enabled', event.target.checked)}
        />
        Fail over to a CPU standby automatically
      </label>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Standby machine</legend>
        {standbyTypeIds.map((id) => {
          const type = standbyTypes[id];
          return (
            <label key={id} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="standbyType"
                value={id}
                checked={value.standbyType === id}
                onChange={() => set('standbyType', id)}
              />
              <span className="font-mono">{type.label}</span>
              <span className="text-slate-500">
                {formatPrice(type.pricePerHour)}/h · {type.vcpus} vCPU, {type.memoryGb} GB ·{' '}
                {type.tier}
              </span>
            </label>
          );
        })}
        {error('standbyType')}
      </fieldset>

      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          checked={value.autoRestore}
          onChange={(event) => set('autoRestore', event.target.checked)}
        />
        Restore onto a GPU automatically
      </label>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Restore when the price is at most</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="bound"
            checked={value.restoreMaxPricePerGpuHour === null}
            onChange={() => set('restoreMaxPricePerGpuHour', null)}
          />
          The rental&apos;s own spot price
          {rentalPricePerGpuHour ? ` (${formatPrice(rentalPricePerGpuHour)}/GPU-hour)` : ''}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="bound"
            checked={value.restoreMaxPricePerGpuHour !== null}
            onChange={() => set('restoreMaxPricePerGpuHour', rentalPricePerGpuHour ?? 0.5)}
          />
          At most $
          <input
            aria-label="Restore price bound ($ per GPU-hour)"
            type="number"
            step="0.01"
            min="0.01"
            className="w-24 rounded border border-slate-300 px-2 py-1"
            value={value.restoreMaxPricePerGpuHour ?? ''}
            disabled={value.restoreMaxPricePerGpuHour === null}
            onChange={(event) => set('restoreMaxPricePerGpuHour', Number(event.target.value))}
          />
          per GPU-hour
        </label>
        {error('restoreMaxPricePerGpuHour')}
      </fieldset>

      <label className="block text-sm font-medium">
        Checkpoint every (minutes)
        <input
          type="number"
          min="1"
          max="1440"
          className="mt-1 block w-24 rounded border border-slate-300 px-2 py-1"
          value={value.checkpointIntervalMinutes}
          onChange={(event) => set('checkpointIntervalMinutes', Number(event.target.value))}
        />
        {error('checkpointIntervalMinutes')}
      </label>

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Tell me by</legend>
        <div className="flex gap-4">
          {failoverChannels.map((channel) => (
            <label key={channel} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={value.channels.includes(channel)}
                onChange={(event) =>
                  set(
                    'channels',
                    event.target.checked
                      ? [...value.channels, channel]
                      : value.channels.filter((item) => item !== channel),
                  )
                }
              />
              {channelLabels[channel]}
            </label>
          ))}
        </div>
        {error('channels')}
      </fieldset>
    </div>
  );
}

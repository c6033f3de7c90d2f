import { describe, expect, it } from 'vitest';
import { fieldsOf } from '@/lib/http/errors';
import {
  defaultFailoverSettings,
  effectiveSettings,
  failoverOverrideInput,
  failoverSettingsInput,
} from '@/lib/failover/settings/failover-settings';

const rental = { spotPricePerHour: 1.6, gpuCount: 4 };

describe('effective failover settings', () => {
  it('default the restore bound to the rental’s own spot price per GPU-hour', () => {
    expect(effectiveSettings(defaultFailoverSettings, null, rental)).toEqual({
      ...defaultFailoverSettings,
      restoreBoundPerGpuHour: 0.4,
    });
  });

  it('let a rental override any setting, the bound included', () => {
    const user = { ...defaultFailoverSettings, enabled: true };
    const override = {
      standbyType: 'n2-standard-8',
      restoreMaxPricePerGpuHour: 0.55,
      channels: ['sms'],
    };
    expect(effectiveSettings(user, override, rental)).toEqual({
      ...user,
      standbyType: 'n2-standard-8',
      restoreMaxPricePerGpuHour: 0.55,
      channels: ['sms'],
      restoreBoundPerGpuHour: 0.55,
    });
  });

  it('ignore an override that no longer validates rather than guess at it', () => {
    expect(
      effectiveSettings(defaultFailoverSettings, { standbyType: 'm5.large' }, rental).standbyType,
    ).toBe('e2-standard-4');
  });
});

describe('failover settings input', () => {
  const cases: Array<[string, unknown, string[]]> = [
    [
      'an unknown standby',
      { ...defaultFailoverSettings, standbyType: 'm5.large' },
      ['standbyType'],
    ],
    [
      'a zero interval',
      { ...defaultFailoverSettings, checkpointIntervalMinutes: 0 },
      ['checkpointIntervalMinutes'],
    ],
    ['a channel twice', { ...defaultFailoverSettings, channels: ['email', 'email'] }, ['channels']],
    ['an unknown channel', { ...defaultFailoverSettings, channels: ['pager'] }, ['channels.0']],
    [
      'a negative bound',
      { ...defaultFailoverSettings, restoreMaxPricePerGpuHour: -1 },
      ['restoreMaxPricePerGpuHour'],
    ],
    ['a missing field', { ...defaultFailoverSettings, autoRestore: undefined }, ['autoRestore']],
    ['an unknown field', { ...defaultFailoverSettings, region: 'EU' }, ['region']],
  ];

  it.each(cases)('names the field for %s', (_name, input, fields) => {
    const parsed = failoverSettingsInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(Object.keys(fieldsOf(parsed.error!))).toEqual(fields);
  });

  it.each([
    [{ checkpointIntervalMinutes: 0 }, 'checkpointIntervalMinutes', 'must be at least 1 minute'],
    [
      { checkpointIntervalMinutes: 2.5 },
      'checkpointIntervalMinutes',
      'must be a whole number of minutes',
    ],
    [
      { restoreMaxPricePerGpuHour: 0.0000001 },
      'restoreMaxPricePerGpuHour',
      'must be at least $0.001 per GPU-hour',
    ],
    [
      { restoreMaxPricePerGpuHour: 0.123456789 },
      'restoreMaxPricePerGpuHour',
      'must have at most 5 decimals',
    ],
    [
      { restoreMaxPricePerGpuHour: 250 },
      'restoreMaxPricePerGpuHour',
      'must be at most $100 per GPU-hour',
    ],
  ])('says what is wrong with %o in words', (change, field, message) => {
    const parsed = failoverSettingsInput.safeParse({ ...defaultFailoverSettings, ...change });
    expect(fieldsOf(parsed.error!)).toEqual({ [field]: message });
  });

  it('takes a partial override, or null to clear it', () => {
    expect(failoverOverrideInput.parse({ override: { autoRestore: false } })).toEqual({
      override: { autoRestore: false },
    });
    expect(failoverOverrideInput.parse({ override: null })).toEqual({ override: null });
    expect(
      Object.keys(
        fieldsOf(failoverOverrideInput.safeParse({ override: { enabled: 'yes' } }).error!),
      ),
    ).toEqual(['override.enabled']);
  });
});

import { describe, expect, it } from 'vitest';
import { phoneNumber } from '@/lib/account/phone-number';

describe('phone numbers for SMS (E.164)', () => {
  // prettier-ignore
  it.each([
    ['+14155550123', '+14155550123'],
    ['+442071838750', '+442071838750'],
    ['+33612345678', '+33612345678'],
    ['+8613800138000', '+8613800138000'],
    ['  +14155550123  ', '+14155550123'],
  ])('accepts %j as %j', (input, stored) => {
    expect(phoneNumber.parse(input)).toBe(stored);
  });

  // prettier-ignore
  it.each([
    ['no plus sign', '14155550123'],
    ['spaces inside', '+1 415 555 0123'],
    ['dashes', '+1-415-555-0123'],
    ['brackets', '+1 (415) 5550123'],
    ['a leading zero country code', '+04155550123'],
    ['too short', '+12345'],
    ['more than 15 digits', '+1234567890123456'],
    ['letters', '+1415CALLNOW'],
    ['only a plus', '+'],
    ['empty', ''],
  ])('refuses %s (%j) with the format to use', (_name, input) => {
    const result = phoneNumber.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be in international format, e.g. +14155550123');
  });
});

import { describe, expect, it } from 'vitest';
import {
  parseSignatureHeader,
  signBody,
  verifySignature,
  type SignatureCheck,
} from '@/agent/core/sign-request';

const secret = 's'.repeat(43);
const body = '{"event":"notice"}';
const now = Date.parse('2026-04-01T12:00:00Z');

describe('webhook signatures', () => {
  const cases: Array<[string, string | null, string, SignatureCheck]> = [
    ['a fresh signature of the body', signBody(secret, body, now), body, 'ok'],
    ['one signed 4 minutes ago', signBody(secret, body, now - 240_000), body, 'ok'],
    ['one signed 6 minutes ago', signBody(secret, body, now - 360_000), body, 'stale'],
    ['one signed 6 minutes ahead', signBody(secret, body, now + 360_000), body, 'stale'],
    ['another body', signBody(secret, body, now), '{"event":"checkpoint"}', 'mismatch'],
    ['another secret', signBody('t'.repeat(43), body, now), body, 'mismatch'],
    ['no header', null, body, 'missing'],
    ['no version part', `t=${now / 1000}`, body, 'malformed'],
    ['a short digest', `t=${now / 1000},v1=abcd`, body, 'malformed'],
    ['no timestamp', `v1=${'a'.repeat(64)}`, body, 'malformed'],
  ];

  it.each(cases)('%s → %s', (_name, header, signed, expected) => {
    expect(verifySignature(secret, signed, header, now)).toBe(expected);
  });

  it('puts the timestamp and a hex HMAC in the header', () => {
    expect(parseSignatureHeader(signBody(secret, body, now))).toEqual({
      timestamp: now / 1000,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { pagePolicy } from '@/lib/http/content-security-policy';
import { clientIp } from '@/lib/http/client-ip';
import { shortenEmail } from '@/lib/client/format';

describe('page Content-Security-Policy', () => {
  it('a production build allows scripts only with the nonce, never eval, and no framing', () => {
    const policy = pagePolicy({ nonce: 'abc123', development: false, https: true });
    expect(policy).toContain(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain(`frame-ancestors 'none'`);
    expect(policy).toContain(`object-src 'none'`);
    expect(policy).toContain('upgrade-insecure-requests');
  });

  it('next dev adds eval for React tooling; plain http does not upgrade requests', () => {
    const policy = pagePolicy({ nonce: 'abc123', development: true, https: false });
    expect(policy).toContain(`'unsafe-eval'`);
    expect(policy).not.toContain('upgrade-insecure-requests');
  });
});

describe('client address for rate limits', () => {
  const from = (forwarded?: string) =>
    clientIp(
      new Request('http://x.test', { headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }),
    );
  // prettier-ignore
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['198.51.100.1, 203.0.113.9', '203.0.113.9'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    [undefined, 'unknown'],
  ])('%j counts as %j', (forwarded, expected) => {
    expect(from(forwarded)).toBe(expected);
  });
});

describe('email in the nav bar', () => {
  it.each([
    ['demo@spot-market.local', 'demo@spot-market.local'],
    ['averyveryverylongname@example.com', 'averyveryve…@example.com'],
  ])('%j shows as %j', (email, shown) => {
    expect(shortenEmail(email)).toBe(shown);
    expect(shortenEmail(email).length).toBeLessThanOrEqual(24);
  });
});

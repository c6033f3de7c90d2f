import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from '@/lib/auth/safe-next-path';

describe('safeNextPath: where signing in leads', () => {
  // prettier-ignore
  it.each([
    ['/machines', '/machines'],
    ['/markets/rtx-4090--us?range=7d', '/markets/rtx-4090--us?range=7d'],
    ['/?gpu=RTX+4090&region=US#offers', '/?gpu=RTX+4090&region=US#offers'],
    ['/account/../machines', '/machines'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('keeps the same-site path %j as %j', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  // prettier-ignore
  it.each([
    ['another site', 'https://evil.example/machines'],
    ['a protocol-relative URL', '//evil.example/machines'],
    ['a backslash read as a slash', '/\\evil.example'],
    ['a backslash after two slashes', '\\/evil.example'],
    ['a tab browsers strip', '/\t/evil.example'],
    ['a newline browsers strip', '/\n/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'machines'],
    ['the sign-in page (a loop)', '/sign-in?next=/machines'],
    ['the sign-up page (a loop)', '/sign-up'],
    ['an empty value', ''],
    ['a repeated parameter', ['/machines', '/account']],
    ['no value', undefined],
    ['a very long value', `/${'a'.repeat(3000)}`],
  ])('refuses %s and falls back to /', (_name, value) => {
    expect(safeNextPath(value)).toBe('/');
  });

  it('builds the sign-in link that brings the visitor back', () => {
    expect(signInPath('/markets/a100-80gb--eu?range=7d')).toBe(
      '/sign-in?next=%2Fmarkets%2Fa100-80gb--eu%3Frange%3D7d',
    );
    expect(signInPath('https://evil.example')).toBe('/sign-in?next=%2F');
  });
});

import { describe, expect, it } from 'vitest';
import { checkPushEndpoint, classifyAddress } from '@/lib/notify/push-endpoint';

describe('push endpoint addresses', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2607:f8b0:4004:c1b::5f', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.10.0.3', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'private'],
    ['fd00::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::10.0.0.1', 'private'],
    // IPv4 tucked into IPv6 in the other ways: judged as the IPv4 inside.
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:0a00:0001::5', 'private'],
    ['2002:0808:0808::1', 'public'],
    ['fec0::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378::1', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('checking a push endpoint', () => {
  it.each([
    ['http://push.example.com/x', 'must be an https URL'],
    ['not a url', 'is not a URL'],
    ['https://user:secret@push.example.com/x', 'must not carry credentials'],
    ['https://10.0.0.8/push', 'resolves to a private address'],
    ['https://[fe80::1]/push', 'resolves to a link-local address'],
    ['https://169.254.169.254/latest', 'resolves to a link-local address'],
    ['https://127.0.0.1:8443/push', 'resolves to a loopback address'],
    ['https://[::1]/push', 'resolves to a loopback address'],
    ['https://localhost/push', 'resolves to a loopback address'],
  ])('refuses %s: %s', async (endpoint, reason) => {
    await expect(checkPushEndpoint(endpoint)).rejects.toThrow(reason);
  });

  it('lets loopback through only when the caller says so, and never private addresses', async () => {
    await expect(
      checkPushEndpoint('https://127.0.0.1:8443/push', { allowLoopback: true }),
    ).resolves.toBeUndefined();
    await expect(
      checkPushEndpoint('https://localhost/push', { allowLoopback: true }),
    ).resolves.toBeUndefined();
    await expect(
      checkPushEndpoint('https://192.168.0.2/push', { allowLoopback: true }),
    ).rejects.toThrow('private');
  });

  it('accepts a public address without asking DNS', async () => {
    await expect(checkPushEndpoint('https://8.8.8.8/push')).resolves.toBeUndefined();
  });
});

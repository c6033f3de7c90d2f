import net from 'node:net';

/** Expands an IPv6 address and keeps its /64 prefix: one host usually owns a whole /64. */
function ipv6Prefix(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, '').toLowerCase())
    .join(':')}::/64`;
}

/**
 * The client address rate limits count against: the last X-Forwarded-For hop, which is the one
 * the nearest proxy appended or, without a proxy, the one Next.js set from the socket. A client
 * talking to Next.js directly can choose it; the per-account limit holds regardless.
 */
export function clientIp(request: Request): string {
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops.at(-1)?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') ?? 'unknown';
  return net.isIPv6(address) ? ipv6Prefix(address) : address;
}

import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';

export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

export interface EndpointPolicy {
  /** Lets a test's push endpoint on 127.0.0.1 through. Private and link-local stay refused. */
  allowLoopback?: boolean;
}

const ranges: Array<[AddressKind, string, number, 'ipv4' | 'ipv6']> = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', '0.0.0.0', 8, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['private', 'fec0::', 10, 'ipv6'],
  ['reserved', '::', 128, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  ['reserved', '2001::', 32, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
];
const lists = new Map<AddressKind, net.BlockList>();
for (const [kind, address, prefix, family] of ranges) {
  if (!lists.has(kind)) lists.set(kind, new net.BlockList());
  lists.get(kind)!.addSubnet(address, prefix, family);
}

/** The 16 bytes of an IPv6 address (`net.isIP` has already said it is one). */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const front = groups(head);
  const back = groups(tail);
  const words = [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return words.flatMap((word) => [word >> 8, word & 255]);
}

const zero = (bytes: number[], from: number, to: number) =>
  bytes.slice(from, to).every((byte) => byte === 0);

/**
 * IPv4 carried inside IPv6 is judged as the IPv4 it carries: mapped (::ffff:a.b.c.d),
 * translated (::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4
 * (2002:aabb:ccdd::/16), so none of them is a way round the address check.
 */
function embeddedIpv4(address: string): string | null {
  const b = ipv6Bytes(address);
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  if (zero(b, 0, 10) && b[10] === 255 && b[11] === 255) return v4(12);
  if (zero(b, 0, 8) && b[8] === 255 && b[9] === 255 && zero(b, 10, 12)) return v4(12);
  if (zero(b, 0, 12) && !zero(b, 12, 15)) return v4(12);
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(b, 4, 12))
    return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2);
  return null;
}

export function classifyAddress(address: string): AddressKind {
  const family = net.isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  const v4 = family === 6 ? embeddedIpv4(address) : null;
  if (v4) return classifyAddress(v4);
  for (const [kind, list] of lists) {
    if (list.check(address, family === 4 ? 'ipv4' : 'ipv6')) return kind;
  }
  return 'public';
}

const allowed = (kind: AddressKind, policy: EndpointPolicy) =>
  kind === 'public' || (kind === 'loopback' && policy.allowLoopback === true);

export class PushEndpointError extends Error {
  override name = 'PushEndpointError';
}

/**
 * A push endpoint must be https and every address its name resolves to (IPv4 and IPv6) must be
 * public: a subscription is user input, and the server would otherwise post to its own network.
 */
export async function checkPushEndpoint(
  endpoint: string,
  policy: EndpointPolicy = {},
): Promise<void> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PushEndpointError('is not a URL');
  }
  if (url.protocol !== 'https:') throw new PushEndpointError('must be an https URL');
  if (url.username || url.password) throw new PushEndpointError('must not carry credentials');

  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host)
    ? [host]
    : await dns.promises.lookup(host, { all: true, verbatim: true }).then(
        (answers) => answers.map((answer) => answer.address),
        () => {
          throw new PushEndpointError(`host ${host} does not resolve`);
        },
      );
  if (addresses.length === 0) throw new PushEndpointError(`host ${host} does not resolve`);
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (!allowed(kind, policy)) throw new PushEndpointError(`resolves to a ${kind} address`);
  }
}

/**
 * An https agent whose name lookups refuse the same addresses at connect time, so a name that
 * resolved to a public address when checked cannot be switched to an internal one afterwards.
 */
export function guardedAgent(policy: EndpointPolicy & { ca?: string | Buffer }): https.Agent {
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, answers) => {
      if (error) return callback(error, '', 4);
      const refused = answers.find((answer) => !allowed(classifyAddress(answer.address), policy));
      if (refused || answers.length === 0) {
        return callback(
          new PushEndpointError(`push endpoint ${hostname} resolves to a refused address`),
          '',
          4,
        );
      }
      if (options.all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, answers);
      callback(null, answers[0]!.address, answers[0]!.family);
    });
  };
  return new https.Agent({ lookup, ca: policy.ca, keepAlive: false, timeout: 15_000 });
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-spot-signature';
/** Header naming the agent (machine) whose secret signed the request. */
export const AGENT_HEADER = 'x-spot-agent';
/** Requests signed further than this from the receiver's clock are refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const digest = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export function signBody(secret: string, body: string, nowMs = Date.now()): string {
  const timestamp = Math.floor(nowMs / 1000);
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
}

export function parseSignatureHeader(
  value: string | null | undefined,
): { timestamp: number; signature: string } | null {
  if (!value) return null;
  const parts = new Map(
    value.split(',').map((part) => {
      const index = part.indexOf('=');
      return [part.slice(0, index).trim(), part.slice(index + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const signature = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || timestamp <= 0 || !/^[0-9a-f]{64}$/.test(signature)) {
    return null;
  }
  return { timestamp, signature };
}

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'mismatch' | 'stale';

/** Checks the HMAC in constant time, then the timestamp (both sides of the receiver's clock). */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowMs = Date.now(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return 'missing';
  const parsed = parseSignatureHeader(header);
  if (!parsed) return 'malformed';

  const expected = Buffer.from(digest(secret, parsed.timestamp, body), 'hex');
  const given = Buffer.from(parsed.signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'mismatch';

  if (Math.abs(nowMs / 1000 - parsed.timestamp) > toleranceSeconds) return 'stale';
  return 'ok';
}

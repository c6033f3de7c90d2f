import crypto from 'node:crypto';
import https from 'node:https';
import ece from 'http_ece';
import { generate } from 'selfsigned';
import { freePort } from '@/lib/net/free-port';

export interface TestDevice {
  /** What the browser would POST: endpoint and keys. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  ecdh: crypto.ECDH;
  authSecret: Buffer;
}

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The payload decrypted with the device's private key and auth secret (RFC 8291). */
  payload: unknown;
  /** Whether the VAPID token was signed by the key it names, for this push service's origin. */
  vapidValid: boolean;
  vapidPublicKey: string;
}

export interface PushStandIn {
  origin: string;
  /** PEM of its self-signed certificate, for the client that must trust it. */
  ca: string;
  received: ReceivedPush[];
  device(name: string): TestDevice;
  /** Answers this status to pushes for one device (e.g. 410 for a subscription gone). */
  answer(name: string, status: number): void;
  stop(): Promise<void>;
}

function verifyVapid(authorization: string, origin: string): { valid: boolean; key: string } {
  const match = /^vapid t=([^,]+),\s*k=(\S+)$/.exec(authorization);
  if (!match) return { valid: false, key: '' };
  const [header, claims, signature] = match[1]!.split('.');
  const raw = Buffer.from(match[2]!, 'base64url');
  const key = crypto.createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = crypto.verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature!, 'base64url'),
  );
  const body = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as {
    aud: string;
    exp: number;
  };
  return { valid: signed && body.aud === origin && body.exp * 1000 > Date.now(), key: match[2]! };
}

/** A push service on https://127.0.0.1 that decrypts every message with the device's keys. */
export async function startPushStandIn(): Promise<PushStandIn> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const devices = new Map<string, TestDevice>();
  const statuses = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const port = await freePort();
  const origin = `https://127.0.0.1:${port}`;

  const server = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const name = (request.url ?? '').replace('/push/', '');
      const device = devices.get(name);
      const status = statuses.get(name) ?? (device ? 201 : 404);
      if (device && status === 201) {
        const clear = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: device.ecdh,
          authSecret: device.authSecret.toString('base64url'),
        });
        const vapid = verifyVapid(String(request.headers.authorization ?? ''), origin);
        received.push({
          path: request.url ?? '',
          headers: request.headers,
          payload: JSON.parse(clear.toString('utf8')),
          vapidValid: vapid.valid,
          vapidPublicKey: vapid.key,
        });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    origin,
    ca: pems.cert,
    received,
    device(name) {
      const ecdh = crypto.createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = crypto.randomBytes(16);
      const device = {
        subscription: {
          endpoint: `${origin}/push/${name}`,
          keys: {
            p256dh: ecdh.getPublicKey().toString('base64url'),
            auth: authSecret.toString('base64url'),
          },
        },
        ecdh,
        authSecret,
      };
      devices.set(name, device);
      return device;
    },
    answer: (name, status) => void statuses.set(name, status),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import http from 'node:http';
import twilio from 'twilio';
import { freePort } from '@/lib/net/free-port';

export interface ReceivedSms {
  path: string;
  /** Basic auth as sent: `<account sid>:<auth token>`. */
  credentials: string;
  params: Record<string, string>;
}

export interface TwilioStandIn {
  baseUrl: string;
  received: ReceivedSms[];
  /** The twilio client's own request client, sending to this stand-in instead of api.twilio.com. */
  httpClient: twilio.RequestClient;
  /** Answers the next messages with this error (Twilio's error body), or normally with null. */
  fail(status: number | null, code?: number, message?: string): void;
  stop(): Promise<void>;
}

/** Twilio's REST address replaced by ours; everything else in the client runs as in production. */
class StandInRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request: twilio.RequestClient['request'] = (options) =>
    super.request({ ...options, uri: options.uri.replace(/^https:\/\/[^/]+/, this.baseUrl) });
}

/** A stand-in for Twilio's Messages API on 127.0.0.1 that checks Basic auth and the form. */
export async function startTwilioStandIn(account: {
  sid: string;
  token: string;
}): Promise<TwilioStandIn> {
  const received: ReceivedSms[] = [];
  let failure: { status: number; code: number; message: string } | null = null;

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const credentials = Buffer.from(
        String(request.headers.authorization ?? '').replace(/^Basic /, ''),
        'base64',
      ).toString();
      const params = Object.fromEntries(new URLSearchParams(body));
      const reply = (status: number, json: object) =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(json));

      if (credentials !== `${account.sid}:${account.token}`)
        return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
      if (
        request.method !== 'POST' ||
        request.url !== `/2010-04-01/Accounts/${account.sid}/Messages.json`
      ) {
        return reply(404, { code: 20404, message: 'Not found', status: 404 });
      }
      received.push({ path: request.url, credentials, params });
      if (failure)
        return reply(failure.status, {
          code: failure.code,
          message: failure.message,
          status: failure.status,
        });
      reply(201, {
        sid: `SM${String(received.length).padStart(32, '0')}`,
        status: 'queued',
        to: params.To,
        from: params.From,
        body: params.Body,
      });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    received,
    httpClient: new StandInRequestClient(baseUrl),
    fail(status, code = 21211, message = "The 'To' number is not a valid phone number.") {
      failure = status === null ? null : { status, code, message };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

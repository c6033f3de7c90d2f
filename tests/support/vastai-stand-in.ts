import http from 'node:http';
import { freePort } from '@/lib/net/free-port';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

/** What the stand-in answers; `hang` never answers, like a provider that stopped responding. */
export type StandInAnswer = { status: number; body: string } | 'hang';

export interface VastaiStandIn {
  /** What our adapter takes as VASTAI_BASE_URL. */
  baseUrl: string;
  received: ReceivedRequest[];
  answerWith(answer: (request: ReceivedRequest) => StandInAnswer): void;
  close(): Promise<void>;
}

/**
 * A stand-in for the Vast.ai API on 127.0.0.1 and a free port: it records every request and
 * answers as the test says. Only the provider's address is replaced; our code runs unchanged.
 */
export async function startVastaiStandIn(): Promise<VastaiStandIn> {
  const received: ReceivedRequest[] = [];
  let answer: (request: ReceivedRequest) => StandInAnswer = () => ({ status: 404, body: '{}' });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      received.push(request);

      const reply = answer(request);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body);
    });
  });

  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    baseUrl: `http://127.0.0.1:${port}/api/v0`,
    received,
    answerWith(next) {
      answer = next;
    },
    async close() {
      // Hanging requests hold their sockets open; drop them so the server can close.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const json = (status: number, body: unknown): StandInAnswer => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

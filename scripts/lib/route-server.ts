import http from 'node:http';
import { freePort } from '@/lib/net/free-port';

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves Next.js route handlers (the same modules the app serves) on 127.0.0.1 and a free port,
 * for tests and benchmarks that need the agent API without a whole Next.js server.
 */
export async function startRouteServer(routes: Record<string, Handler>): Promise<RouteServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        const handler = req.method === 'POST' ? routes[url.pathname] : undefined;
        if (!handler) {
          res.writeHead(404).end();
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        const request = new Request(url, { method: 'POST', headers, body: Buffer.concat(chunks) });
        const response = await handler(request, { params: Promise.resolve({}) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch(() => res.writeHead(500).end());
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The agent API of the app (webhook and command channel), served on its own. */
export async function startAgentApi(): Promise<RouteServer> {
  const webhook = await import('@/app/api/agent/webhook/route');
  const commands = await import('@/app/api/agent/commands/route');
  return startRouteServer({
    '/api/agent/webhook': webhook.POST as Handler,
    '/api/agent/commands': commands.POST as Handler,
  });
}

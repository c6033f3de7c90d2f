import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '@/agent/core/deliver-notice';
import { awsNoticeWatcher, gceNoticeWatcher } from '@/agent/core/notice-watchers';

// Stand-ins for the GCE and AWS metadata servers on 127.0.0.1: only their address is replaced.
const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function metadata(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('notice watchers', () => {
  it('GCE: waits on instance/preempted until it reads TRUE, with the Google header', async () => {
    const seen: Array<{ flavor: string | undefined; wait: string | null }> = [];
    let reads = 0;
    const base = await metadata((req, res) => {
      const url = new URL(req.url!, 'http://x');
      seen.push({
        flavor: req.headers['metadata-flavor'] as string,
        wait: url.searchParams.get('wait_for_change'),
      });
      reads++;
      res.writeHead(200, { etag: `e${reads}` }).end(reads < 3 ? 'FALSE' : 'TRUE');
    });
    const notices: Notice[] = [];
    const controller = new AbortController();
    await gceNoticeWatcher(base)(controller.signal, (notice) => notices.push(notice));

    expect(notices).toHaveLength(1);
    expect(notices[0]!.source).toBe('gce');
    expect(notices[0]!.interruptAt!.getTime() - notices[0]!.noticeAt.getTime()).toBe(30_000);
    expect(seen).toEqual([
      { flavor: 'Google', wait: null },
      { flavor: 'Google', wait: 'true' },
      { flavor: 'Google', wait: 'true' },
    ]);
  });

  it('AWS: reads spot/instance-action with an IMDSv2 token until the notice appears', async () => {
    let polls = 0;
    const base = await metadata((req, res) => {
      if (req.method === 'PUT' && req.url === '/latest/api/token') return void res.end('token-1');
      if (req.headers['x-aws-ec2-metadata-token'] !== 'token-1')
        return void res.writeHead(401).end();
      polls++;
      if (polls < 2) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ action: 'terminate', time: '2026-04-01T12:02:00Z' }));
    });
    const notices: Notice[] = [];
    await awsNoticeWatcher(base, 20)(new AbortController().signal, (notice) =>
      notices.push(notice),
    );

    expect(polls).toBe(2);
    expect(notices).toEqual([
      { source: 'aws', noticeAt: expect.any(Date), interruptAt: new Date('2026-04-01T12:02:00Z') },
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '@/agent/core/sign-request';
import { POST as commands } from '@/app/api/agent/commands/route';
import { POST as webhook } from '@/app/api/agent/webhook/route';
import { closeDatabase } from '@/db/client';
import { failoverRuns, machineAgents, notifications, offers, rentals, users } from '@/db/schema';
import { systemClock } from '@/lib/clock';
import { defaultFailoverSettings } from '@/lib/failover/settings/failover-settings';
import { updateFailoverSettings } from '@/lib/failover/settings/manage-failover-settings';
import { closeJobSender } from '@/lib/jobs/job-sender';
import { logger } from '@/lib/logger';
import { pollProvider } from '@/lib/market/poll-provider';
import { SimulatedProvider } from '@/lib/providers/simulated/simulated-provider';
import { createRental } from '@/lib/rentals/create-rental';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Its own database; the route handlers are called as Next.js calls them, with a Request.
let database: TestDatabase;
let agent: typeof machineAgents.$inferSelect;
let agentOff: typeof machineAgents.$inferSelect;

async function rentWithAgent(userId: string) {
  const provider = new SimulatedProvider({
    db: database.db,
    clock: systemClock,
    seed: 42,
    interruptions: false,
  });
  const [offer] = await database.db
    .select()
    .from(offers)
    .where(and(eq(offers.available, true), eq(offers.gpuCount, 1)))
    .limit(1);
  const rental = await createRental(
    {
      db: database.db,
      clock: systemClock,
      providers: new Map([['simulated', provider]]),
      agentControlUrl: 'http://127.0.0.1:9',
    },
    userId,
    // The market may reprice between the poll and this rent: agree to up to twice the price.
    { offerId: offer!.id, confirmedPricePerHour: Number((offer!.spotPricePerHour * 2).toFixed(4)) },
  );
  const [row] = await database.db
    .select()
    .from(machineAgents)
    .where(eq(machineAgents.rentalId, rental.id));
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const provider = new SimulatedProvider({ db: database.db, clock: systemClock, seed: 42 });
  await pollProvider(provider, {
    db: database.db,
    clock: systemClock,
    logger,
    workerId: 't',
    timeoutMs: 10_000,
    intervalSeconds: 30,
  });
  await database.db.insert(users).values([
    { id: 'on', name: 'Failover on', email: 'on@example.com' },
    { id: 'off', name: 'Failover off', email: 'off@example.com' },
  ]);
  await updateFailoverSettings(
    database.db,
    'on',
    { ...defaultFailoverSettings, enabled: true },
    new Date(),
  );
  agent = await rentWithAgent('on');
  agentOff = await rentWithAgent('off');
});
afterAll(async () => {
  await closeJobSender();
  await closeDatabase();
  await database.drop();
});

const notice = (agentId: string, extra: Record<string, unknown> = {}) => ({
  agentId,
  nonce: randomUUID(),
  sentAt: new Date().toISOString(),
  event: 'notice',
  source: 'simulated',
  noticeAt: new Date().toISOString(),
  interruptAt: new Date(Date.now() + 30_000).toISOString(),
  ...extra,
});

interface Send {
  body: unknown;
  agentHeader?: string | null;
  secret?: string;
  signature?: string | null;
  atMs?: number;
}

function request(send: Send, path = '/api/agent/webhook') {
  const raw = typeof send.body === 'string' ? send.body : JSON.stringify(send.body);
  const headers = new Headers({ 'content-type': 'application/json' });
  const agentId = send.agentHeader === undefined ? agent.id : send.agentHeader;
  if (agentId !== null) headers.set('x-spot-agent', agentId);
  const signature =
    send.signature === undefined
      ? signBody(send.secret ?? agent.secret, raw, send.atMs)
      : send.signature;
  if (signature !== null) headers.set('x-spot-signature', signature);
  return new Request(`http://127.0.0.1:3999${path}`, { method: 'POST', headers, body: raw });
}

async function answer(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe('the agent webhook refuses what it must', () => {
  const unknownAgent = randomUUID();
  const cases: Array<[string, () => Send, number, string, string]> = [
    [
      'no agent header',
      () => ({ body: notice(agent.id), agentHeader: null }),
      401,
      'unauthorized',
      'x-spot-agent',
    ],
    [
      'no signature',
      () => ({ body: notice(agent.id), signature: null }),
      401,
      'unauthorized',
      'x-spot-signature',
    ],
    [
      'a malformed signature',
      () => ({ body: notice(agent.id), signature: 't=abc,v1=zz' }),
      401,
      'unauthorized',
      'x-spot-signature',
    ],
    [
      'a signature made with another secret',
      () => ({ body: notice(agent.id), secret: 'y'.repeat(43) }),
      401,
      'unauthorized',
      'x-spot-signature',
    ],
    [
      'a signature ten minutes old',
      () => ({ body: notice(agent.id), atMs: Date.now() - 600_000 }),
      401,
      'unauthorized',
      'x-spot-signature',
    ],
    [
      'a signature ten minutes ahead',
      () => ({ body: notice(agent.id), atMs: Date.now() + 600_000 }),
      401,
      'unauthorized',
      'x-spot-signature',
    ],
    [
      'an unknown machine',
      () => ({ body: notice(unknownAgent), agentHeader: unknownAgent }),
      404,
      'not_found',
      '',
    ],
    ['a body that is not JSON', () => ({ body: '{"event": "notice"' }), 400, 'invalid', 'body'],
    [
      'no event',
      () => ({ body: { ...notice(agent.id), event: undefined } }),
      400,
      'invalid',
      'event',
    ],
    [
      'a notice time that is not a time',
      () => ({ body: notice(agent.id, { noticeAt: 'soon' }) }),
      400,
      'invalid',
      'noticeAt',
    ],
    [
      'an unknown notice source',
      () => ({ body: notice(agent.id, { source: 'azure' }) }),
      400,
      'invalid',
      'source',
    ],
    [
      'an unknown field',
      () => ({ body: notice(agent.id, { priority: 'high' }) }),
      400,
      'invalid',
      'priority',
    ],
    [
      'a body naming another agent',
      () => ({ body: notice(agentOff.id) }),
      400,
      'invalid',
      'agentId',
    ],
  ];

  it.each(cases)('%s → %i', async (_name, make, status, code, field) => {
    const { status: got, body } = await answer(await webhook(request(make())));
    expect(got).toBe(status);
    expect(body.error.code).toBe(code);
    if (field) expect(Object.keys(body.error.fields)).toEqual([field]);
    expect(await database.db.select().from(failoverRuns)).toEqual([]);
  });
});

describe('an oversized body', () => {
  it.each([
    ['/api/agent/webhook', webhook],
    ['/api/agent/commands', commands],
  ])('to %s is refused before its signature is checked', async (path, handler) => {
    // 300 KB of padding, unsigned: refused for its size, not read whole first.
    const oversized = request(
      { body: { ...notice(agent.id), padding: 'x'.repeat(300 * 1024) }, signature: null },
      path,
    );
    const { status, body } = await answer(await handler(oversized));
    expect(status).toBe(400);
    expect(body.error.fields).toEqual({ body: 'must be at most 256 KB' });
    expect(await database.db.select().from(failoverRuns)).toEqual([]);
  });
});

describe('a signed notice', () => {
  it('starts one failover run; a replay is refused and a second notice finds the same run', async () => {
    const first = request({ body: notice(agent.id) });
    const replay = first.clone();
    const started = await answer(await webhook(first));
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ state: 'running', created: true });

    const replayed = await answer(await webhook(replay));
    expect(replayed).toMatchObject({
      status: 401,
      body: {
        error: { code: 'unauthorized', reason: 'replayed', fields: { nonce: expect.any(String) } },
      },
    });

    const again = await answer(await webhook(request({ body: notice(agent.id) })));
    expect(again.body.run).toEqual({ ...started.body.run, created: false });
    const runs = await database.db.select().from(failoverRuns);
    expect(
      runs.map((run) => ({ id: run.id, via: run.detectedVia, machine: run.gpuMachineId })),
    ).toEqual([{ id: started.body.run.id, via: 'webhook', machine: agent.machineId }]);
  });

  it('from a rental with failover off starts nothing, and warns the user once per channel', async () => {
    for (let i = 0; i < 2; i++) {
      const sent = await answer(
        await webhook(
          request({ body: notice(agentOff.id), agentHeader: agentOff.id, secret: agentOff.secret }),
        ),
      );
      expect(sent).toEqual({ status: 202, body: { run: null } });
    }
    const runs = await database.db
      .select()
      .from(failoverRuns)
      .where(eq(failoverRuns.gpuMachineId, agentOff.machineId!));
    expect(runs).toEqual([]);

    const [rental] = await database.db
      .select()
      .from(rentals)
      .where(eq(rentals.id, agentOff.rentalId));
    expect(rental!.noticeAt).not.toBeNull();
    const warnings = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, 'off'));
    // The default failover channels, email and push; the second notice adds nothing.
    expect(warnings.map((row) => row.channel).sort()).toEqual(['email', 'push']);
    for (const warning of warnings) {
      expect(warning).toMatchObject({
        kind: 'failover',
        rentalId: agentOff.rentalId,
        state: 'queued',
        title: expect.stringMatching(/^Your .+ is being taken back$/),
        link: expect.stringMatching(new RegExp(`/machines/${agentOff.rentalId}$`)),
      });
      expect(warning.body).toMatch(/in about \d+ s\. Automatic failover is off for it/);
    }
  });
});

describe('the command channel', () => {
  it('hands out the settings and takes the same signature rules', async () => {
    const body = {
      agentId: agent.id,
      nonce: randomUUID(),
      sentAt: new Date().toISOString(),
      outcomes: [],
    };
    const ok = await answer(await commands(request({ body }, '/api/agent/commands')));
    expect(ok.status).toBe(200);
    expect(ok.body.config).toEqual({ checkpointIntervalSeconds: 30 * 60 });
    expect(Array.isArray(ok.body.commands)).toBe(true);

    const bad = await answer(
      await commands(
        request(
          { body: { ...body, nonce: randomUUID() }, secret: 'z'.repeat(43) },
          '/api/agent/commands',
        ),
      ),
    );
    expect(bad.status).toBe(401);
  });
});

describe('an agent whose rental has ended', () => {
  it('is refused, signature and all, on both channels', async () => {
    await database.db
      .update(rentals)
      .set({ state: 'terminated', endedAt: new Date() })
      .where(eq(rentals.id, agentOff.rentalId));
    const as = { agentHeader: agentOff.id, secret: agentOff.secret };
    const sent = await answer(await webhook(request({ body: notice(agentOff.id), ...as })));
    expect(sent.status).toBe(403);
    expect(sent.body.error.message).toBe('The rental this machine served has ended');

    const polled = await answer(
      await commands(
        request(
          {
            body: {
              agentId: agentOff.id,
              nonce: randomUUID(),
              sentAt: new Date().toISOString(),
              outcomes: [],
            },
            ...as,
          },
          '/api/agent/commands',
        ),
      ),
    );
    expect(polled.status).toBe(403);
  });
});

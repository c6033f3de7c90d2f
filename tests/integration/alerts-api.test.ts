import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteAlertRoute, PATCH } from '@/app/api/alerts/[id]/route';
import { GET, POST } from '@/app/api/alerts/route';
import { createAlert } from '@/lib/alerts/manage-alerts';
import { seedDemoUser } from '@/lib/demo/demo-user';
import { createUser, ingestOffers } from '../support/alert-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The route handlers run as in the app, on this file's own database, as the demo user.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  await seedDemoUser(database.db);
  await createUser(database.db, 'mallory');
  await ingestOffers(database.db, 'api', [{ externalId: 'o', pricePerGpuHour: 0.4 }], new Date());
});
afterAll(async () => {
  await database.drop();
});

const post = (body: unknown) =>
  POST(
    new Request('http://test/api/alerts', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    {},
  );
const context = (id: string) => ({ params: Promise.resolve({ id }) });
const valid = {
  gpuModel: 'RTX 4090',
  maxPricePerGpuHour: 0.35,
  region: 'US-East',
  channels: ['email'],
};

describe('the price alerts API', () => {
  it.each([
    ['no GPU', { ...valid, gpuModel: undefined }, { gpuModel: 'is required' }],
    [
      'an unknown GPU',
      { ...valid, gpuModel: 'RTX 9999' },
      { gpuModel: 'unknown GPU model "RTX 9999"' },
    ],
    [
      'a price of 0',
      { ...valid, maxPricePerGpuHour: 0 },
      { maxPricePerGpuHour: 'must be at least 0.01' },
    ],
    [
      'a price above 100',
      { ...valid, maxPricePerGpuHour: 100.5 },
      { maxPricePerGpuHour: 'must be at most 100.00' },
    ],
    [
      'a price as text',
      { ...valid, maxPricePerGpuHour: '0.3' },
      { maxPricePerGpuHour: 'must be a number of dollars per GPU-hour' },
    ],
    [
      'an unknown place',
      { ...valid, region: 'Mars' },
      { region: 'unknown region or location "Mars"' },
    ],
    ['no channel', { ...valid, channels: [] }, { channels: 'choose at least one channel' }],
    [
      'an unknown channel',
      { ...valid, channels: ['email', 'fax'] },
      { 'channels.1': 'must be email, push or sms' },
    ],
    [
      'a channel twice',
      { ...valid, channels: ['sms', 'sms'] },
      { channels: 'lists a channel twice' },
    ],
    ['an unknown field', { ...valid, colour: 'red' }, { colour: 'is not a known parameter' }],
    ['a body that is not JSON', '{', { body: 'must be a JSON object' }],
  ])('refuses %s with a 400 naming the field', async (_name, body, fields) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid', fields });
  });

  it('creates, lists, edits, pauses, resumes and deletes an alert', async () => {
    const created = await post(valid);
    expect(created.status).toBe(201);
    const { alert } = await created.json();
    expect(alert).toMatchObject({
      gpuModel: 'RTX 4090',
      maxPricePerGpuHour: 0.35,
      region: null,
      location: 'US-East',
      channels: ['email'],
      state: 'armed',
      lastFired: null,
    });

    const list = await (await GET(new Request('http://test/api/alerts'), {})).json();
    expect(list.alerts.map((row: { id: string }) => row.id)).toContain(alert.id);

    const patch = (body: unknown) =>
      PATCH(
        new Request('http://test', { method: 'PATCH', body: JSON.stringify(body) }),
        context(alert.id),
      );
    expect(
      (
        await (
          await patch({ maxPricePerGpuHour: 0.3, region: 'US', channels: ['email', 'sms'] })
        ).json()
      ).alert,
    ).toMatchObject({
      maxPricePerGpuHour: 0.3,
      region: 'US',
      location: null,
      channels: ['email', 'sms'],
      state: 'armed',
    });
    expect((await (await patch({ paused: true })).json()).alert.state).toBe('paused');
    expect((await (await patch({ paused: false })).json()).alert.state).toBe('armed');
    expect((await (await patch({})).json()).error.fields).toEqual({ body: 'changes nothing' });

    expect(
      (await deleteAlertRoute(new Request('http://test', { method: 'DELETE' }), context(alert.id)))
        .status,
    ).toBe(204);
    expect(
      (await deleteAlertRoute(new Request('http://test', { method: 'DELETE' }), context(alert.id)))
        .status,
    ).toBe(404);
  });

  it("never shows or changes another user's alert", async () => {
    const theirs = await createAlert(database.db, 'mallory', valid as never, new Date());
    const list = await (await GET(new Request('http://test/api/alerts'), {})).json();
    expect(list.alerts.map((row: { id: string }) => row.id)).not.toContain(theirs.id);

    const patched = await PATCH(
      new Request('http://test', { method: 'PATCH', body: JSON.stringify({ paused: true }) }),
      context(theirs.id),
    );
    expect(patched.status).toBe(404);
    expect(
      (await deleteAlertRoute(new Request('http://test', { method: 'DELETE' }), context(theirs.id)))
        .status,
    ).toBe(404);
    expect(
      (await PATCH(new Request('http://test', { method: 'PATCH', body: '{}' }), context('nope')))
        .status,
    ).toBe(400);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteAlertRoute, PATCH } from '@/app/api/alerts/[id]/route';
import { GET, POST } from '@/app/api/alerts/route';
import { createAlert } from '@/lib/alerts/manage-alerts';
import { createUser, ingestOffers } from '../support/alert-fixtures';
import { useAppDatabase } from '../support/app-database';
import { call, signUp, type TestUser } from '../support/route-client';

// The route handlers run as in the app, on this file's own database, for a signed-in user.
const database = useAppDatabase();
let me: TestUser;
beforeAll(async () => {
  me = await signUp('alerts');
  await createUser(database.current.db, 'mallory');
  await ingestOffers(
    database.current.db,
    'api',
    [{ externalId: 'o', pricePerGpuHour: 0.4 }],
    new Date(),
  );
});

const post = (body: unknown) =>
  call(POST, {
    method: 'POST',
    path: '/api/alerts',
    cookie: me.cookie,
    ...(typeof body === 'string' ? { rawBody: body } : { body }),
  });
const list = () => call(GET, { path: '/api/alerts', cookie: me.cookie });
const patch = (id: string, body: unknown) =>
  call(PATCH, {
    method: 'PATCH',
    path: `/api/alerts/${id}`,
    cookie: me.cookie,
    body,
    params: { id },
  });
const remove = (id: string) =>
  call(deleteAlertRoute, {
    method: 'DELETE',
    path: `/api/alerts/${id}`,
    cookie: me.cookie,
    params: { id },
  });
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
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid', fields });
  });

  it('creates, lists, edits, pauses, resumes and deletes an alert', async () => {
    const created = await post(valid);
    expect(created.status).toBe(201);
    const { alert } = created.body;
    expect(alert).toMatchObject({
      gpuModel: 'RTX 4090',
      maxPricePerGpuHour: 0.35,
      region: null,
      location: 'US-East',
      channels: ['email'],
      state: 'armed',
      lastFired: null,
    });

    expect((await list()).body.alerts.map((row: { id: string }) => row.id)).toContain(alert.id);

    expect(
      (await patch(alert.id, { maxPricePerGpuHour: 0.3, region: 'US', channels: ['email', 'sms'] }))
        .body.alert,
    ).toMatchObject({
      maxPricePerGpuHour: 0.3,
      region: 'US',
      location: null,
      channels: ['email', 'sms'],
      state: 'armed',
    });
    expect((await patch(alert.id, { paused: true })).body.alert.state).toBe('paused');
    expect((await patch(alert.id, { paused: false })).body.alert.state).toBe('armed');
    expect((await patch(alert.id, {})).body.error.fields).toEqual({ body: 'changes nothing' });

    expect((await remove(alert.id)).status).toBe(204);
    expect((await remove(alert.id)).status).toBe(404);
  });

  it("never shows or changes another user's alert", async () => {
    const theirs = await createAlert(database.current.db, 'mallory', valid as never, new Date());
    expect((await list()).body.alerts.map((row: { id: string }) => row.id)).not.toContain(
      theirs.id,
    );
    expect((await patch(theirs.id, { paused: true })).status).toBe(404);
    expect((await remove(theirs.id)).status).toBe(404);
    expect((await patch('nope', {})).status).toBe(400);
  });
});

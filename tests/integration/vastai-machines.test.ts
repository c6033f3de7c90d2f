import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '@/lib/providers/types';
import { VastaiProvider } from '@/lib/providers/vastai/vastai-provider';
import {
  json,
  startVastaiStandIn,
  type StandInAnswer,
  type VastaiStandIn,
} from '../support/vastai-stand-in';

// Isolation: its own stand-in server; no database is involved.
let standIn: VastaiStandIn;
let vastai: VastaiProvider;
beforeAll(async () => {
  standIn = await startVastaiStandIn();
  vastai = new VastaiProvider({
    baseUrl: standIn.baseUrl,
    apiKey: 'test-key',
    timeoutMs: 400,
    image: 'pytorch/pytorch:latest',
    diskGb: 20,
  });
});
afterAll(async () => {
  await standIn?.close();
});
beforeEach(() => {
  standIn.received.length = 0;
});

async function refusal(action: Promise<unknown>): Promise<ProviderError> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const instance = (fields: Record<string, unknown>) =>
  json(200, {
    instances: { id: 7835610, machine_id: 24126, is_bid: true, extra_env: [], ...fields },
  });

describe('renting on Vast.ai through a stand-in of its API', () => {
  it('creates an interruptible instance that bids the confirmed price', async () => {
    standIn.answerWith(() => json(200, { success: true, new_contract: 7835610 }));

    const result = await vastai.rent({ offerExternalId: '1001', maxPricePerHour: 0.31 });

    expect(result).toEqual({ machineId: '7835610', pricePerHour: 0.31 });
    expect(standIn.received).toEqual([
      {
        method: 'PUT',
        path: '/api/v0/asks/1001/',
        query: {},
        authorization: 'Bearer test-key',
        body: {
          client_id: 'me',
          image: 'pytorch/pytorch:latest',
          disk: 20,
          price: 0.31,
          runtype: 'ssh_direc ssh_proxy',
          label: 'spot-market',
          cancel_unavail: true,
        },
      },
    ]);
  });

  it.each([
    [
      'a refusal with a reason',
      json(400, { success: false, error: 'invalid_args', msg: 'bid price too low' }),
      'rejected',
      'vastai: bid price too low',
    ],
    [
      'a taken offer',
      json(404, { success: false, msg: 'no_such_ask' }),
      'rejected',
      'vastai: no_such_ask',
    ],
    [
      'success: false',
      json(200, { success: false, msg: 'insufficient credit' }),
      'rejected',
      'vastai: insufficient credit',
    ],
    [
      'a wrong key',
      json(401, { error: 'auth', msg: 'invalid api key' }),
      'http',
      'vastai: PUT /asks/1001/ answered HTTP 401 (check VASTAI_API_KEY): invalid api key',
    ],
    [
      'a server error',
      json(502, '<html>Bad Gateway</html>'),
      'http',
      'vastai: PUT /asks/1001/ answered HTTP 502: <html>Bad Gateway</html>',
    ],
    [
      'garbage',
      json(200, '{"success": "yes"}'),
      'payload',
      'vastai: success: expected true or false, got "yes"',
    ],
    ['no answer', 'hang', 'timeout', 'vastai: PUT /asks/1001/ got no answer in time'],
  ] as Array<[string, StandInAnswer, string, string]>)(
    'turns %s into a %s error',
    async (_case, answer, kind, message) => {
      standIn.answerWith(() => answer);
      const error = await refusal(vastai.rent({ offerExternalId: '1001', maxPricePerHour: 0.31 }));
      expect({ kind: error.kind, message: error.message }).toEqual({ kind, message });
    },
  );

  it('never sends an offer id that is not a Vast.ai id', async () => {
    const error = await refusal(vastai.rent({ offerExternalId: '../users', maxPricePerHour: 1 }));
    expect(error.kind).toBe('rejected');
    expect(standIn.received).toEqual([]);
  });
});

describe('following a Vast.ai instance through a stand-in of its API', () => {
  it.each([
    [
      'being placed',
      instance({ actual_status: null, intended_status: 'running', cur_state: 'running' }),
      'provisioning',
    ],
    [
      'running',
      instance({ actual_status: 'running', intended_status: 'running', cur_state: 'running' }),
      'running',
    ],
    [
      'outbid and paused',
      instance({ actual_status: 'stopped', intended_status: 'running', cur_state: 'stopped' }),
      'interrupted',
    ],
    [
      'destroyed',
      instance({ actual_status: 'stopped', intended_status: 'stopped', cur_state: 'unloaded' }),
      'terminated',
    ],
    ['unknown to Vast.ai (404)', json(404, { error: 'not_found' }), 'terminated'],
    ['answered as null', json(200, { instances: null }), 'terminated'],
  ] as Array<[string, StandInAnswer, string]>)(
    'reads an instance %s as %s',
    async (_case, answer, status) => {
      standIn.answerWith(() => answer);

      expect(await vastai.getMachine('7835610')).toEqual({
        machineId: '7835610',
        status,
        noticeAt: null,
        interruptAt: null,
      });
      expect(standIn.received).toEqual([
        {
          method: 'GET',
          path: '/api/v0/instances/7835610/',
          query: { owner: 'me' },
          authorization: 'Bearer test-key',
          body: undefined,
        },
      ]);
    },
  );

  it('refuses an instance answer it cannot read', async () => {
    standIn.answerWith(() => json(200, { instances: { actual_status: 3 } }));
    const error = await refusal(vastai.getMachine('7835610'));
    expect(error.message).toBe('vastai: instances.actual_status: expected a string, got 3');
  });

  it('destroys an instance with DELETE and an empty body', async () => {
    standIn.answerWith(() => json(200, { success: true }));
    await vastai.terminate('7835610');
    expect(standIn.received).toEqual([
      {
        method: 'DELETE',
        path: '/api/v0/instances/7835610/',
        query: {},
        authorization: 'Bearer test-key',
        body: {},
      },
    ]);
  });

  it('takes an instance already gone as destroyed', async () => {
    standIn.answerWith(() => json(404, { error: 'not_found' }));
    await vastai.terminate('7835610');

    standIn.answerWith((request) =>
      request.method === 'DELETE'
        ? json(200, { success: false, msg: 'instance already destroyed' })
        : instance({ actual_status: 'stopped', intended_status: 'stopped', cur_state: 'unloaded' }),
    );
    await vastai.terminate('7835610');
    expect(standIn.received.map((request) => request.method)).toEqual(['DELETE', 'DELETE', 'GET']);
  });

  it('reports a destroy that did not happen', async () => {
    standIn.answerWith((request) =>
      request.method === 'DELETE'
        ? json(200, { success: false, msg: 'instance is locked' })
        : instance({ actual_status: 'running', intended_status: 'running', cur_state: 'running' }),
    );
    const error = await refusal(vastai.terminate('7835610'));
    expect({ kind: error.kind, message: error.message }).toEqual({
      kind: 'rejected',
      message: 'vastai: instance is locked',
    });
  });
});

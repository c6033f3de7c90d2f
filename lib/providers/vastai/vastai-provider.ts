import { z } from 'zod';
import { describeIssues } from '../describe-issues';
import { parseJsonText } from '../parse-json-text';
import {
  ProviderError,
  type ListOffersContext,
  type MachineState,
  type MarketSnapshot,
  type ProviderAdapter,
  type RentRequest,
  type RentResult,
} from '../types';
import { machineStatusOf, vastaiInstanceAnswer, type VastaiInstance } from './machine-state';
import { vastaiSnapshotOf } from './map-offers';
import {
  httpFailure,
  isSuccess,
  reasonOf,
  sendRequest,
  type VastaiConnection,
} from './send-request';

export interface VastaiSettings extends VastaiConnection {
  /** Docker image a rented machine starts with. */
  image: string;
  diskGb: number;
}

/**
 * The interruptible (bid) market as the vast-ai CLI asks for it (`search offers --type bid`):
 * its default filters, best score first. The limit is set high because we list the whole market,
 * not one page of it.
 */
export const offerSearch = {
  verified: { eq: true },
  external: { eq: false },
  rentable: { eq: true },
  rented: { eq: false },
  order: [['score', 'desc']],
  type: 'bid',
  allocated_storage: 5,
  limit: 5_000,
};

const actionAnswer = z.object({
  success: z.boolean(),
  new_contract: z.int().nullish(),
  msg: z.string().nullish(),
});

// 4xx answers that are Vast.ai refusing the request itself (a bid too low, an offer taken), as
// opposed to our key, our rate or their servers.
const refusals = new Set([400, 404, 409, 410, 422]);

export class VastaiProvider implements ProviderAdapter {
  readonly name = 'vastai';
  readonly displayName = 'Vast.ai';

  constructor(private readonly settings: VastaiSettings) {}

  async listOffers(context: ListOffersContext): Promise<MarketSnapshot> {
    const reply = await sendRequest(this.settings, 'POST', '/bundles/', {
      body: offerSearch,
      signal: context.signal,
    });
    if (!isSuccess(reply)) throw httpFailure('POST', '/bundles/', reply);
    return vastaiSnapshotOf(reply.text);
  }

  /** Creates an interruptible instance on the offer, bidding the price the user confirmed. */
  async rent(request: RentRequest): Promise<RentResult> {
    const path = `/asks/${idOf(request.offerExternalId, 'offer')}/`;
    const reply = await sendRequest(this.settings, 'PUT', path, {
      body: {
        client_id: 'me',
        image: this.settings.image,
        disk: this.settings.diskGb,
        price: request.maxPricePerHour,
        runtype: 'ssh_direc ssh_proxy',
        label: 'spot-market',
        // Without it a bid that cannot run now leaves a stopped instance that bills for disk.
        cancel_unavail: true,
      },
    });
    if (refusals.has(reply.status)) throw new ProviderError(this.name, reasonOf(reply), 'rejected');
    if (!isSuccess(reply)) throw httpFailure('PUT', path, reply);

    const answer = readAnswer(reply.text, actionAnswer);
    if (!answer.success || answer.new_contract == null) {
      throw new ProviderError(this.name, answer.msg ?? 'the bid was not accepted', 'rejected');
    }
    return { machineId: String(answer.new_contract), pricePerHour: request.maxPricePerHour };
  }

  async getMachine(machineId: string): Promise<MachineState> {
    const path = `/instances/${idOf(machineId, 'machine')}/`;
    const reply = await sendRequest(this.settings, 'GET', path, { query: { owner: 'me' } });
    let instance: VastaiInstance | null = null;
    // Vast.ai forgets destroyed instances: one it no longer knows is over.
    if (reply.status !== 404) {
      if (!isSuccess(reply)) throw httpFailure('GET', path, reply);
      instance = readAnswer(reply.text, vastaiInstanceAnswer).instances;
    }
    return { machineId, status: machineStatusOf(instance), noticeAt: null, interruptAt: null };
  }

  /** Destroys the instance. Destroying one that is already gone is not an error. */
  async terminate(machineId: string): Promise<void> {
    const path = `/instances/${idOf(machineId, 'machine')}/`;
    const reply = await sendRequest(this.settings, 'DELETE', path, { body: {} });
    if (reply.status === 404) return;
    if (!isSuccess(reply)) throw httpFailure('DELETE', path, reply);

    const answer = readAnswer(reply.text, actionAnswer);
    if (answer.success) return;
    // A refusal may only mean it was destroyed before; the instance's state settles it.
    const state = await this.getMachine(machineId);
    if (state.status !== 'terminated') {
      throw new ProviderError(
        this.name,
        answer.msg ?? 'the instance was not destroyed',
        'rejected',
      );
    }
  }
}

/** Vast.ai ids are numbers; anything else never reaches a URL. */
function idOf(id: string, what: string): string {
  if (!/^\d+$/.test(id)) {
    throw new ProviderError('vastai', `no ${what} ${JSON.stringify(id)}`, 'rejected');
  }
  return id;
}

function readAnswer<T>(text: string, schema: z.ZodType<T>): T {
  const json = parseJsonText(text);
  if (!json.ok) throw new ProviderError('vastai', json.message, 'payload');
  const parsed = schema.safeParse(json.value, { reportInput: true });
  if (!parsed.success) throw new ProviderError('vastai', describeIssues(parsed.error), 'payload');
  return parsed.data;
}

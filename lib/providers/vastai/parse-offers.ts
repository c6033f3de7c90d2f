import { z } from 'zod';
import { describeIssues } from '../describe-issues';
import { parseJsonText } from '../parse-json-text';
import { ProviderError } from '../types';

/**
 * One offer ("bundle") of Vast.ai's offer search, with the fields we use. Vast.ai sends about a
 * hundred more; they are let through unread.
 */
export const vastaiBundle = z.object({
  id: z.int().nonnegative(),
  gpu_name: z.string().min(1).max(80),
  num_gpus: z.int().positive().max(64),
  /** MB, per GPU. */
  gpu_ram: z.number().nonnegative().max(1_000_000),
  // Bounds well past any real machine: a price beyond them is a broken answer, not an offer.
  /** On-demand, all-in, whole machine, $/h. */
  dph_total: z.number().nonnegative().max(10_000),
  /** The lowest interruptible bid the machine takes, whole machine, $/h. */
  min_bid: z.number().nonnegative().max(10_000),
  reliability2: z.number().nullish(),
  geolocation: z.string().nullish(),
  rentable: z.boolean(),
  // The CLI reads a missing or null `rented` as not rented; so do we.
  rented: z.boolean().nullish(),
});
export type VastaiBundle = z.infer<typeof vastaiBundle>;

const vastaiAnswer = z.object({ offers: z.array(vastaiBundle) });

/**
 * Reads an offer-search answer: the CLI's raw printout (a JSON array) or the HTTP API's
 * `{ "offers": [...] }`. Anything else is refused whole, saying what is wrong and where, so a
 * bad answer never half-lands in the market.
 */
export function parseVastaiOffers(text: string): VastaiBundle[] {
  const json = parseJsonText(text);
  if (!json.ok) throw new ProviderError('vastai', json.message, 'payload');

  const value = Array.isArray(json.value) ? { offers: json.value } : json.value;
  if (typeof value !== 'object' || value === null) {
    throw new ProviderError(
      'vastai',
      'expected an array of offers or an object with an "offers" array',
      'payload',
    );
  }

  const parsed = vastaiAnswer.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new ProviderError('vastai', describeIssues(parsed.error), 'payload');
  return parsed.data.offers;
}

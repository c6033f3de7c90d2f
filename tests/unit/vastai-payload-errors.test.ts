import { describe, expect, it } from 'vitest';
import { ProviderError } from '@/lib/providers/types';
import { parseVastaiOffers } from '@/lib/providers/vastai/parse-offers';
import { readFixture } from '../support/vastai-fixtures';

function refusal(text: string): ProviderError {
  try {
    parseVastaiOffers(text);
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('the answer was accepted');
}

const offer = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 1,
    gpu_name: 'RTX 4090',
    num_gpus: 1,
    gpu_ram: 24564,
    dph_total: 0.5,
    min_bid: 0.3,
    reliability2: 0.99,
    geolocation: 'Texas, US',
    rentable: true,
    rented: false,
    ...fields,
  });

describe('refusing Vast.ai answers we cannot read', () => {
  it.each([
    ['text-after-json.json', 'vastai: text after the JSON at line 93 column 1'],
    ['wrong-field-type.json', 'vastai: offers[2].gpu_ram: expected a number, got "abc"'],
    ['not-json.json', `vastai: not JSON at line 1 column 1: expected a value, found "<"`],
  ])('fixture %s is refused with "%s"', (name, message) => {
    const error = refusal(readFixture(name));
    expect(error.kind).toBe('payload');
    expect(error.message).toBe(message);
  });

  it.each([
    ['an empty answer', '  \n', 'not JSON: the text is empty'],
    [
      'a cut-off answer',
      '[{"id": 1,\n  "gpu_name": "RTX',
      'not JSON at line 2 column 19: expected a closing quote, found the end of the text',
    ],
    [
      'a line break inside a string',
      '["RTX\n4090"]',
      'not JSON at line 1 column 6: expected a closing quote, found "\\n"',
    ],
    [
      'a bad escape',
      '["RTX\\q"]',
      'not JSON at line 1 column 6: expected a valid escape, found "\\\\"',
    ],
    [
      'a missing comma',
      '[\n{"id": 1}\n{"id": 2}]',
      `not JSON at line 3 column 1: expected ',' or ']', found "{"`,
    ],
    ['a bare word', '[1, x]', 'not JSON at line 1 column 5: expected a value, found "x"'],
    [
      'a number where the list goes',
      '42',
      'expected an array of offers or an object with an "offers" array',
    ],
    ['an object without offers', '{"success": false}', 'offers: missing (expected an array)'],
    [
      'a missing field',
      `[${offer({ gpu_name: undefined })}]`,
      'offers[0].gpu_name: missing (expected a string)',
    ],
    [
      'a fractional id',
      `[${offer({ id: 1.5 })}]`,
      'offers[0].id: expected a whole number, got 1.5',
    ],
    [
      'zero GPUs',
      `[${offer()}, ${offer({ num_gpus: 0 })}]`,
      'offers[1].num_gpus: must be >0, got 0',
    ],
    [
      'a text flag',
      `[${offer({ rentable: 'yes' })}]`,
      'offers[0].rentable: expected true or false, got "yes"',
    ],
    [
      'several faults',
      `{"offers": [${offer({ min_bid: null, dph_total: '1' })}]}`,
      'offers[0].dph_total: expected a number, got "1" (and 1 more problem)',
    ],
  ])('%s is refused: %s', (_case, text, message) => {
    const error = refusal(text);
    expect(error.kind).toBe('payload');
    expect(error.message).toBe(`vastai: ${message}`);
  });
});

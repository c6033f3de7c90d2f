import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, offerSearchQuery } from '@/lib/market/offer-query';
import { fieldsOf } from '@/lib/http/errors';

const parse = (query: Record<string, string>) => offerSearchQuery.safeParse(query);

describe('offer search query', () => {
  it('reads every filter and applies defaults', () => {
    const result = parse({
      gpu: 'RTX 4090',
      minVram: '24',
      maxPrice: '0.50',
      region: 'US-East',
      reliability: 'high',
    });
    expect(result.success && result.data).toEqual({
      gpu: 'RTX 4090',
      minVram: 24,
      maxPrice: 0.5,
      region: 'US-East',
      reliability: 'high',
      available: 'true',
      sort: 'price',
      order: 'asc',
      limit: 50,
    });
  });

  it('sorts availability most first unless told otherwise', () => {
    const result = parse({ sort: 'availability' });
    expect(result.success && result.data.order).toBe('desc');
  });

  it.each([
    [{ minVram: '12' }, 'minVram', 'must be one of 8, 16, 24, 40, 80'],
    [{ maxPrice: '-1' }, 'maxPrice', 'must be a number such as 0.50'],
    [{ maxPrice: '0.05' }, 'maxPrice', 'must be at least 0.10'],
    [{ maxPrice: '5.01' }, 'maxPrice', 'must be at most 5.00'],
    [{ maxPrice: 'cheap' }, 'maxPrice', 'must be a number such as 0.50'],
    [{ reliability: 'excellent' }, 'reliability', undefined],
    [{ sort: 'vram' }, 'sort', undefined],
    [{ order: 'up' }, 'order', undefined],
    [{ limit: '0' }, 'limit', undefined],
    [{ limit: '201' }, 'limit', undefined],
    [{ limit: 'ten' }, 'limit', 'must be a whole number'],
    [{ colour: 'red' }, 'colour', 'is not a known parameter'],
  ])('refuses %j naming %s', (query, field, message) => {
    const result = parse(query as Record<string, string>);
    expect(result.success).toBe(false);
    const fields = fieldsOf(result.error!);
    expect(Object.keys(fields)).toEqual([field]);
    if (message) expect(fields[field]).toBe(message);
  });

  it('names every bad field at once', () => {
    const result = parse({ maxPrice: '9', sort: 'x', foo: '1' });
    expect(Object.keys(fieldsOf(result.error!)).sort()).toEqual(['foo', 'maxPrice', 'sort']);
  });
});

describe('offer cursor', () => {
  const cursor = {
    sort: 'price' as const,
    order: 'asc' as const,
    price: 0.3375,
    count: 2,
    id: '0b6f2a1e-9d2c-4c43-8a43-3f6f8f0b9d11',
  };

  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('{"sort":"price"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('refuses %j', (text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});

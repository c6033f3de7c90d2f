import { describe, expect, it } from 'vitest';
import { decideAlert, firingsAlong, REARM_FACTOR } from '@/lib/alerts/decide-alert';

describe('price alert decision', () => {
  it.each([
    ['armed', 0.35, 0.36, 'hold'],
    ['armed', 0.35, 0.35, 'fire'],
    ['armed', 0.35, 0.2, 'fire'],
    ['armed', 0.35, null, 'hold'],
    ['fired', 0.35, 0.3, 'hold'],
    ['fired', 0.35, 0.35 * REARM_FACTOR, 'hold'],
    ['fired', 0.35, 0.358, 'rearm'],
    ['fired', 0.35, null, 'hold'],
  ] as const)('%s alert at $%s with best price %s: %s', (state, bound, price, expected) => {
    expect(decideAlert(state, bound, price)).toBe(expected);
  });

  it('fires once per crossing: a price wobbling around the bound sends one message', () => {
    const wobble = [0.4, 0.35, 0.351, 0.349, 0.352, 0.348, 0.356, 0.35, 0.349];
    expect(firingsAlong(0.35, wobble)).toEqual([1]);
  });

  it('fires again only after the price went clearly above the bound', () => {
    const series = [0.4, 0.35, 0.351, 0.349, 0.356, 0.34, 0.36, 0.33, null, 0.3, 0.4, 0.31];
    expect(firingsAlong(0.35, series)).toEqual([1, 7, 11]);
  });

  it('an offer disappearing is not a rise: no re-arm without a fresh price above', () => {
    expect(firingsAlong(0.35, [0.3, null, null, 0.3, 0.29])).toEqual([0]);
  });
});

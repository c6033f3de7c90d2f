import type { PriceAlertState } from '@/db/schema';

/**
 * An alert fires when the best matching price is at or below its bound, then stays quiet until
 * the price has risen clearly above it: 2% over the bound. Without that margin a price wobbling
 * a tenth of a cent around the bound would fire on every other poll.
 */
export const REARM_FACTOR = 1.02;

export type AlertDecision = 'fire' | 'rearm' | 'hold';

/**
 * The rule the evaluation SQL applies to every alert (evaluate-alerts.ts), written out for
 * tests and readers. No fresh price means no news: the alert holds its state.
 */
export function decideAlert(
  state: PriceAlertState,
  bound: number,
  bestPrice: number | null,
): AlertDecision {
  if (bestPrice === null) return 'hold';
  if (state === 'armed' && bestPrice <= bound) return 'fire';
  if (state === 'fired' && bestPrice > bound * REARM_FACTOR) return 'rearm';
  return 'hold';
}

/** Applies the rule along a series of best prices; returns the index of every firing. */
export function firingsAlong(bound: number, prices: Array<number | null>): number[] {
  let state: PriceAlertState = 'armed';
  const firings: number[] = [];
  prices.forEach((price, index) => {
    const decision = decideAlert(state, bound, price);
    if (decision === 'fire') {
      state = 'fired';
      firings.push(index);
    } else if (decision === 'rearm') {
      state = 'armed';
    }
  });
  return firings;
}

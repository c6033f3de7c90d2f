/**
 * Stateless randomness: every draw is a hash of the seed and a key, so any process computes the
 * same market for the same seed and time without sharing state.
 */
export function hash32(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so neighbouring keys give unrelated values.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform draw in [0, 1). */
export const unit = (...parts: Array<string | number>) => hash32(...parts) / 0x1_0000_0000;

/** A uniform draw in [min, max). */
export const between = (min: number, max: number, ...parts: Array<string | number>) =>
  min + (max - min) * unit(...parts);

/** An exponential draw with the given rate (events per unit of time). */
export const exponential = (rate: number, ...parts: Array<string | number>) =>
  -Math.log(1 - unit(...parts)) / rate;

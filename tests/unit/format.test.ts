import { describe, expect, it } from 'vitest';
import { withArticle } from '@/lib/client/format';

describe('withArticle', () => {
  it.each([
    ['RTX 4090', 'an RTX 4090'],
    ['H100', 'an H100'],
    ['A100 80GB', 'an A100 80GB'],
    ['L40S', 'an L40S'],
    ['GTX 1080 Ti', 'a GTX 1080 Ti'],
    ['Tesla V100', 'a Tesla V100'],
    ['e2-medium', 'an e2-medium'],
    ['n2-standard-8', 'an n2-standard-8'],
  ])('%s → %s', (name, expected) => {
    expect(withArticle(name)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { classify, indicatorOf } from '@/lib/market/reliability';

describe('reliability class from the 24 h interruption rate', () => {
  it.each([
    { interrupted: 0, ran: 50, expected: 'high', why: '0% is green' },
    { interrupted: 4, ran: 100, expected: 'high', why: '4% is green' },
    { interrupted: 49, ran: 1000, expected: 'high', why: '4.9% is green' },
    { interrupted: 1, ran: 20, expected: 'medium', why: 'exactly 5% is yellow' },
    { interrupted: 5, ran: 100, expected: 'medium', why: 'exactly 5% is yellow' },
    { interrupted: 10, ran: 100, expected: 'medium', why: '10% is yellow' },
    { interrupted: 3, ran: 20, expected: 'medium', why: 'exactly 15% is yellow' },
    { interrupted: 15, ran: 100, expected: 'medium', why: 'exactly 15% is yellow' },
    { interrupted: 151, ran: 1000, expected: 'low', why: '15.1% is red' },
    { interrupted: 1, ran: 1, expected: 'low', why: '100% is red' },
  ])('$interrupted of $ran → $expected ($why)', ({ interrupted, ran, expected }) => {
    expect(classify(interrupted, ran)).toBe(expected);
  });

  it('an empty window has no class rather than a green 0%', () => {
    expect(classify(0, 0)).toBeNull();
    expect(indicatorOf(0, 0, 0)).toEqual({
      interruptionRate24h: null,
      meanTimeToInterruptionHours: null,
      class: null,
    });
  });

  it('mean time to interruption is running hours per interruption', () => {
    expect(indicatorOf(4, 40, 90)).toEqual({
      interruptionRate24h: 0.1,
      meanTimeToInterruptionHours: 22.5,
      class: 'medium',
    });
  });

  it('has no mean time to interruption when nothing was interrupted', () => {
    expect(indicatorOf(0, 12, 30).meanTimeToInterruptionHours).toBeNull();
  });
});

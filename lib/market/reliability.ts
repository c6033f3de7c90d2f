import { sql, type SQL } from 'drizzle-orm';

/**
 * The reliability indicator: interrupted rentals ÷ rentals that ran in the trailing 24 h.
 * Green below 5%, yellow from 5% to 15% (both ends yellow), red above 15%.
 */
export const WINDOW_HOURS = 24;
export const GREEN_BELOW_PERCENT = 5;
export const RED_ABOVE_PERCENT = 15;

export type ReliabilityClass = 'high' | 'medium' | 'low';

export const reliabilityColor: Record<ReliabilityClass, 'green' | 'yellow' | 'red'> = {
  high: 'green',
  medium: 'yellow',
  low: 'red',
};

export interface Indicator {
  interruptionRate24h: number | null;
  meanTimeToInterruptionHours: number | null;
  class: ReliabilityClass | null;
}

/** Compared in whole numbers, so 1 of 20 is exactly 5% and lands yellow, not by float luck. */
export function classify(interrupted: number, ran: number): ReliabilityClass | null {
  if (ran === 0) return null;
  if (interrupted * 100 < GREEN_BELOW_PERCENT * ran) return 'high';
  if (interrupted * 100 <= RED_ABOVE_PERCENT * ran) return 'medium';
  return 'low';
}

export function indicatorOf(interrupted: number, ran: number, runningHours: number): Indicator {
  return {
    interruptionRate24h: ran === 0 ? null : interrupted / ran,
    meanTimeToInterruptionHours: interrupted === 0 ? null : runningHours / interrupted,
    class: classify(interrupted, ran),
  };
}

/** The same classification as `classify`, for use inside SQL over counts. */
export function classifySql(interrupted: SQL, ran: SQL): SQL {
  return sql`case
    when ${ran} = 0 then null
    when ${interrupted} * 100 < ${sql.raw(String(GREEN_BELOW_PERCENT))} * ${ran} then 'high'
    when ${interrupted} * 100 <= ${sql.raw(String(RED_ABOVE_PERCENT))} * ${ran} then 'medium'
    else 'low' end`;
}

import type { QueueStatsView } from './contracts.js';

export type Level = 'ok' | 'amber' | 'red';

export type Metric = 'waiting' | 'longestWait' | 'serviceLevel' | 'abandonRate' | 'asa';

/** When a wallboard cell turns amber and red; `higherIsWorse` says which way counts. */
export interface Threshold {
  amber: number;
  red: number;
  higherIsWorse: boolean;
}

export const DEFAULT_THRESHOLDS: Record<Metric, Threshold> = {
  waiting: { amber: 5, red: 10, higherIsWorse: true },
  longestWait: { amber: 60, red: 120, higherIsWorse: true },
  serviceLevel: { amber: 0.8, red: 0.6, higherIsWorse: false },
  abandonRate: { amber: 0.05, red: 0.1, higherIsWorse: true },
  asa: { amber: 20, red: 40, higherIsWorse: true },
};

export function metricValue(q: QueueStatsView, metric: Metric): number | null {
  switch (metric) {
    case 'waiting':
      return q.waiting;
    case 'longestWait':
      return q.longestWaitSeconds;
    case 'serviceLevel':
      return q.serviceLevel;
    case 'abandonRate':
      return q.offered > 0 ? q.abandoned / q.offered : null;
    case 'asa':
      return q.asaSeconds;
  }
}

export function levelOf(value: number | null, t: Threshold): Level {
  if (value === null) return 'ok';
  if (t.higherIsWorse) return value >= t.red ? 'red' : value >= t.amber ? 'amber' : 'ok';
  return value < t.red ? 'red' : value < t.amber ? 'amber' : 'ok';
}

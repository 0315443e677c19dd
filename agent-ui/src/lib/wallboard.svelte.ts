import type { LocalizedNames, QueueStatsView } from './contracts.js';
import {
  DEFAULT_THRESHOLDS,
  levelOf,
  metricValue,
  type Level,
  type Metric,
  type Threshold,
} from './thresholds.js';

const HOUR_MS = 3_600_000;

export interface ChartSeries {
  queueId: string;
  name: string;
  names: LocalizedNames;
  /** SVG polyline points in a `width × height` box. */
  points: string;
  last: number;
}

/** Every queue's live statistics, their alert levels, and the last hour for the chart. */
export class Wallboard {
  queues = $state<Record<string, QueueStatsView>>({});
  history = $state<QueueStatsView[]>([]);
  thresholds = $state<Record<Metric, Threshold>>({ ...DEFAULT_THRESHOLDS });

  readonly rows = $derived(Object.values(this.queues).sort((a, b) => a.name.localeCompare(b.name)));
  readonly totals = $derived({
    waiting: this.rows.reduce((n, q) => n + q.waiting, 0),
    available: this.rows.reduce((n, q) => n + q.agents.available, 0),
    offered: this.rows.reduce((n, q) => n + q.offered, 0),
    abandoned: this.rows.reduce((n, q) => n + q.abandoned, 0),
  });
  /** The highest queue count in the last hour, for the chart's scale (at least 5). */
  readonly chartMax = $derived(Math.max(5, ...this.history.map((h) => h.waiting)));

  load(queues: readonly QueueStatsView[], history: readonly QueueStatsView[]): void {
    this.queues = Object.fromEntries(queues.map((q) => [q.queueId, q]));
    this.history = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    this.trim();
  }

  apply(stats: QueueStatsView): void {
    const cur = this.queues[stats.queueId];
    // A late sample from before the one shown must not roll the cell back.
    if (cur && Date.parse(cur.at) > Date.parse(stats.at)) return;
    this.queues[stats.queueId] = stats;
    this.history.push(stats);
    this.trim();
  }

  /** A queue's names by language, as its statistics carry them ({} for a queue not shown). */
  namesOf(queueId: string): LocalizedNames {
    return this.queues[queueId]?.names ?? {};
  }

  level(q: QueueStatsView, metric: Metric): Level {
    return levelOf(metricValue(q, metric), this.thresholds[metric]);
  }

  /** Waiting callers per queue over the hour before the newest sample. */
  series(width: number, height: number): ChartSeries[] {
    const newest = this.history.at(-1);
    if (!newest) return [];
    const end = Date.parse(newest.at);
    const start = end - HOUR_MS;
    const max = this.chartMax;
    const byQueue = new Map<string, QueueStatsView[]>();
    for (const h of this.history) {
      const list = byQueue.get(h.queueId) ?? [];
      list.push(h);
      byQueue.set(h.queueId, list);
    }
    return [...byQueue.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([queueId, samples]) => ({
        queueId,
        name: this.queues[queueId]?.name ?? queueId,
        names: this.queues[queueId]?.names ?? {},
        last: samples.at(-1)?.waiting ?? 0,
        points: samples
          .map((s) => {
            const x = ((Date.parse(s.at) - start) / HOUR_MS) * width;
            const y = height - (s.waiting / max) * height;
            return `${x.toFixed(1)},${y.toFixed(1)}`;
          })
          .join(' '),
      }));
  }

  private trim(): void {
    const newest = this.history.at(-1);
    if (!newest) return;
    const cutoff = Date.parse(newest.at) - HOUR_MS;
    const firstKept = this.history.findIndex((h) => Date.parse(h.at) >= cutoff);
    if (firstKept > 0) this.history.splice(0, firstKept);
  }
}

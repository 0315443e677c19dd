/**
 * Live answers and abandoned calls of one campaign in hourly buckets, enough to give the rate
 * over any regulatory window (30 days in the US, 24 hours in GB) without keeping every call.
 * A plain value: the worker stores it (Redis hash, table row) and passes it back in.
 */
export interface AbandonWindow {
  /** Key: hours since the epoch (UTC). */
  buckets: Record<string, { liveAnswers: number; abandoned: number }>;
}

const HOUR = 3_600_000;

export function emptyAbandonWindow(): AbandonWindow {
  return { buckets: {} };
}

function hourOf(at: Date): number {
  return Math.floor(at.getTime() / HOUR);
}

/**
 * Counts one call answered by a person; `abandoned` when no agent took it in time. Buckets
 * older than `keepDays` are dropped.
 */
export function recordLiveAnswer(
  window: AbandonWindow,
  at: Date,
  abandoned: boolean,
  keepDays: number,
): AbandonWindow {
  const key = String(hourOf(at));
  const oldest = hourOf(at) - keepDays * 24;
  const buckets: AbandonWindow['buckets'] = {};
  for (const [k, v] of Object.entries(window.buckets)) {
    if (Number(k) > oldest) buckets[k] = v;
  }
  const current = buckets[key] ?? { liveAnswers: 0, abandoned: 0 };
  buckets[key] = {
    liveAnswers: current.liveAnswers + 1,
    abandoned: current.abandoned + (abandoned ? 1 : 0),
  };
  return { buckets };
}

export interface AbandonTotals {
  liveAnswers: number;
  abandoned: number;
  /** abandoned / liveAnswers; 0 before the first live answer. */
  rate: number;
}

/** Totals over the `windowDays` ending at `now` (the current hour included). */
export function abandonTotals(window: AbandonWindow, now: Date, windowDays: number): AbandonTotals {
  const oldest = hourOf(now) - windowDays * 24;
  let liveAnswers = 0;
  let abandoned = 0;
  for (const [k, v] of Object.entries(window.buckets)) {
    const hour = Number(k);
    if (hour > oldest && hour <= hourOf(now)) {
      liveAnswers += v.liveAnswers;
      abandoned += v.abandoned;
    }
  }
  return { liveAnswers, abandoned, rate: liveAnswers > 0 ? abandoned / liveAnswers : 0 };
}

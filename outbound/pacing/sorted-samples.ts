/** Measured durations kept sorted, so that "how many lasted longer than x" is a bisection. */
export function sortedSamples(xs: Iterable<number>): Float64Array {
  const out: number[] = [];
  for (const x of xs) if (Number.isFinite(x) && x >= 0) out.push(x);
  return Float64Array.from(out).sort();
}

/** Number of samples <= x. */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function countAbove(sorted: Float64Array, x: number): number {
  return sorted.length - countAtMost(sorted, x);
}

export function mean(sorted: Float64Array): number {
  let sum = 0;
  for (const x of sorted) sum += x;
  return sorted.length ? sum / sorted.length : 0;
}

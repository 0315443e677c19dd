/**
 * Small exact distributions for the pacing controller: how many of L ringing lines a person
 * answers (binomial) and how many busy agents become free (Poisson-binomial).
 */

/** P(X = k) for k = 0..n, X ~ Binomial(n, p); built outwards from the mode so it never underflows. */
export function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  if (p <= 0) {
    pmf[0] = 1;
    return pmf;
  }
  if (p >= 1) {
    pmf[n] = 1;
    return pmf;
  }
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const ratio = p / (1 - p);
  pmf[mode] = 1;
  for (let k = mode; k < n; k++) pmf[k + 1] = (pmf[k] ?? 0) * ((n - k) / (k + 1)) * ratio;
  for (let k = mode; k > 0; k--) pmf[k - 1] = ((pmf[k] ?? 0) * (k / (n - k + 1))) / ratio;
  let total = 0;
  for (let k = 0; k <= n; k++) total += pmf[k] ?? 0;
  for (let k = 0; k <= n; k++) pmf[k] = (pmf[k] ?? 0) / total;
  return pmf;
}

/** P(Y = k) where Y is the number of successes of independent trials with the given odds. */
export function poissonBinomialPmf(probabilities: readonly number[]): Float64Array {
  let pmf: Float64Array = Float64Array.of(1);
  for (const raw of probabilities) {
    const q = Math.min(1, Math.max(0, raw));
    if (q === 0) continue;
    const next = new Float64Array(pmf.length + 1);
    for (let k = 0; k < pmf.length; k++) {
      const v = pmf[k] ?? 0;
      next[k] = (next[k] ?? 0) + v * (1 - q);
      next[k + 1] = (next[k + 1] ?? 0) + v * q;
    }
    pmf = next;
  }
  return pmf;
}

/**
 * E[max(0, X - k)] for every k = 0..n at once, from the pmf of X on 0..n: the expected number
 * of answers left over when k agents are there to take them.
 */
export function expectedExcess(pmf: Float64Array): Float64Array {
  const n = pmf.length - 1;
  // survival[j] = P(X > j); E[max(0, X - k)] = sum over j >= k of P(X > j).
  const excess = new Float64Array(n + 2);
  let survival = 0;
  for (let j = n; j >= 0; j--) {
    excess[j] = (excess[j + 1] ?? 0) + survival;
    survival += pmf[j] ?? 0;
  }
  return excess;
}

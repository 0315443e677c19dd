/**
 * Erlang C (M/M/N queue: Poisson arrivals, exponential handle times, no abandonment). Traffic is
 * in Erlangs: arrivals per second × average handle time in seconds.
 */

function checkLoad(agents: number, traffic: number) {
  if (!Number.isInteger(agents) || agents < 0)
    throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
  if (!(traffic >= 0) || !Number.isFinite(traffic))
    throw new RangeError(`traffic must be ≥ 0 Erlangs, got ${traffic}`);
}

/** Erlang B blocking probability, by the stable recursion B(k) = A·B(k-1) / (k + A·B(k-1)). */
export function erlangB(agents: number, traffic: number): number {
  checkLoad(agents, traffic);
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** Probability that a caller has to wait (1 when the load meets or exceeds the agents). */
export function erlangC(agents: number, traffic: number): number {
  checkLoad(agents, traffic);
  if (traffic === 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Fraction of callers answered within `targetSeconds`. */
export function serviceLevel(
  agents: number,
  traffic: number,
  handleSeconds: number,
  targetSeconds: number,
): number {
  if (agents <= traffic) return traffic === 0 ? 1 : 0;
  const c = erlangC(agents, traffic);
  return 1 - c * Math.exp((-(agents - traffic) * targetSeconds) / handleSeconds);
}

/** Average speed of answer in seconds over all callers (those who do not wait count as 0). */
export function averageSpeedOfAnswer(
  agents: number,
  traffic: number,
  handleSeconds: number,
): number {
  if (agents <= traffic) return traffic === 0 ? 0 : Infinity;
  return (erlangC(agents, traffic) * handleSeconds) / (agents - traffic);
}

/** Fewest agents that reach the service-level goal (e.g. 0.8 within 20 s). */
export function agentsForServiceLevel(
  traffic: number,
  handleSeconds: number,
  targetSeconds: number,
  goal: number,
): number {
  if (!(goal > 0 && goal < 1)) throw new RangeError(`goal must be between 0 and 1, got ${goal}`);
  let n = Math.max(1, Math.floor(traffic) + 1);
  while (serviceLevel(n, traffic, handleSeconds, targetSeconds) < goal) n++;
  return n;
}

/** Traffic in Erlangs from calls per hour and average handle time. */
export function trafficErlangs(callsPerHour: number, handleSeconds: number): number {
  return (callsPerHour * handleSeconds) / 3600;
}

/** Share of time agents spend handling calls. */
export function occupancy(agents: number, traffic: number): number {
  return agents === 0 ? 0 : Math.min(1, traffic / agents);
}

/**
 * Estimated wait time for one caller, from their position, the handle time and the agents serving
 * the queue. app_queue multiplies a moving average of past hold times by the position; here the
 * estimate follows the queue's mechanics instead: with N agents busy and handle times averaging
 * h, agents free up about every h/N seconds, so the caller with p callers ahead of them (and
 * themselves) is answered after the p-th release: p·h/N (exact in expectation for exponential
 * handle times, the Erlang C model's assumption). Free agents take the first callers at once.
 */
export interface WaitEstimateInput {
  /** 1 = next in line. */
  position: number;
  /** Average handle time (talk + wrap-up) in seconds. */
  handleSeconds: number;
  /** Agents serving the queue (logged in, not paused); an agent shared by k queues counts 1/k. */
  servingAgents: number;
  /** Agents free right now for this queue. */
  freeAgents: number;
}

/** Seconds until answer, or null when no agent serves the queue (no estimate possible). */
export function estimateWaitSeconds(input: WaitEstimateInput): number | null {
  const { position, handleSeconds, servingAgents, freeAgents } = input;
  if (position < 1) return 0;
  if (position <= freeAgents) return 0;
  if (servingAgents <= 0) return null;
  return ((position - freeAgents) * handleSeconds) / servingAgents;
}

/** Average handle time from today's counters, or the queue's default before enough calls. */
export function averageHandleSeconds(
  handled: number,
  talkMs: number,
  wrapMs: number,
  defaultSeconds: number,
  minSamples = 5,
): number {
  if (handled < minSamples) return defaultSeconds;
  return (talkMs + wrapMs) / handled / 1000;
}

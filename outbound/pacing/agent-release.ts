import { countAbove, countAtMost, mean, sortedSamples } from './sorted-samples.js';

/**
 * How likely a busy agent is to be free within a horizon, from the handle times measured on
 * this campaign rather than from an assumed distribution: among past calls (or wrap-ups) that
 * lasted longer than this one has so far, the share that ended within the horizon.
 */
export type BusyPhase = 'talking' | 'wrap_up';

export interface BusyAgent {
  phase: BusyPhase;
  /** Time spent in the current phase so far. */
  elapsedMs: number;
}

export interface HandleTimeModel {
  /** Sorted ascending. */
  talkMs: Float64Array;
  /** Sorted ascending. */
  wrapMs: Float64Array;
  meanWrapMs: number;
}

export function buildHandleTimeModel(
  talkSamplesMs: Iterable<number>,
  wrapSamplesMs: Iterable<number>,
): HandleTimeModel {
  const wrapMs = sortedSamples(wrapSamplesMs);
  return { talkMs: sortedSamples(talkSamplesMs), wrapMs, meanWrapMs: mean(wrapMs) };
}

/** P(T <= elapsed + within | T > elapsed) from the samples; 0 when nothing comparable is known. */
function conditionalEnd(sorted: Float64Array, elapsed: number, within: number): number {
  const longer = countAbove(sorted, elapsed);
  // Unknown territory (no sample this long): assume the agent stays busy, the safe side.
  if (longer === 0 || within <= 0) return 0;
  const endedBy = countAtMost(sorted, elapsed + within) - countAtMost(sorted, elapsed);
  return endedBy / longer;
}

export function probabilityFreeWithin(
  model: HandleTimeModel,
  agent: BusyAgent,
  horizonMs: number,
): number {
  if (agent.phase === 'wrap_up') return conditionalEnd(model.wrapMs, agent.elapsedMs, horizonMs);
  // A talking agent still has a wrap-up ahead; its mean is taken off the horizon.
  return conditionalEnd(model.talkMs, agent.elapsedMs, horizonMs - model.meanWrapMs);
}

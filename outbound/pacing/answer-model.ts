import { countAbove, mean, sortedSamples } from './sorted-samples.js';

/**
 * What the campaign's recent dials say about answering: the live-answer rate, the time a person
 * takes to answer, and how likely a line that has rung for a while still is to be answered by
 * one. A line still ringing after 20 s is mostly a no-answer in the making; counting it like a
 * fresh dial would make the controller hold agents back for answers that will not come.
 */
export interface DialResultSample {
  /** From dial to the result (live answer classified, machine, busy, no answer). */
  afterMs: number;
  /** Answered by a person. */
  live: boolean;
}

export interface AnswerModel {
  dials: number;
  liveAnswers: number;
  /** Mean time from dial to a person's answer being known; 0 with no live answer yet. */
  meanTimeToAnswerMs: number;
  /** Sorted ascending: result times of all dials, and of live answers only. */
  allMs: Float64Array;
  liveMs: Float64Array;
}

export function buildAnswerModel(samples: readonly DialResultSample[]): AnswerModel {
  const allMs = sortedSamples(samples.map((s) => s.afterMs));
  const liveMs = sortedSamples(samples.filter((s) => s.live).map((s) => s.afterMs));
  return {
    dials: allMs.length,
    liveAnswers: liveMs.length,
    meanTimeToAnswerMs: mean(liveMs),
    allMs,
    liveMs,
  };
}

/**
 * P(a person answers | no result after ringing `elapsedMs`), relative to a fresh dial's rate:
 * multiplying the (bounded) fresh rate by it keeps the caution of the bound. With no sample
 * that rang this long the line is taken to be as likely as a fresh one, the safe side.
 */
export function ringingAnswerFactor(model: AnswerModel, elapsedMs: number): number {
  if (model.dials === 0 || model.liveAnswers === 0) return 1;
  const stillRinging = countAbove(model.allMs, elapsedMs);
  if (stillRinging === 0) return 1;
  const conditional = countAbove(model.liveMs, elapsedMs) / stillRinging;
  return conditional / (model.liveAnswers / model.dials);
}

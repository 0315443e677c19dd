import { probabilityFreeWithin } from './agent-release.js';
import { ringingAnswerFactor } from './answer-model.js';
import { binomialPmf, expectedExcess, poissonBinomialPmf } from './distributions.js';
import type { PacingInput } from './pacing-input.js';
import { progressiveLines } from './progressive.js';

/**
 * The predictive controller. It dials the largest number of new lines for which
 *
 *     E[answered calls that find no agent] <= target x E[answered calls]
 *
 * Answers: each new line is answered by a person with the measured rate (its upper confidence
 * bound), each ringing line with the rate of lines that have already rung that long. Their sum
 * is modelled as one binomial of the same mean, which is wider than the true spread (the safe
 * side). Agents: the idle ones plus each busy one with its measured chance of being free by the
 * time a new line is answered plus the connect deadline.
 *
 * The target is a share of the cap that shrinks linearly to zero as the campaign's measured
 * abandon rate over the regulatory window approaches the cap; at or over the cap the controller
 * dials like progressive, which abandons nothing, until the window recovers.
 */
export interface PredictiveTuning {
  /** Target as a share of the cap while nothing has been abandoned in the window. */
  baseTargetShare: number;
  /** z of the upper confidence bound taken for the answer rate (over-predicting answers is safe). */
  answerRateZ: number;
  /** Dial results needed before the model is trusted; until then the dialer is progressive. */
  minDials: number;
}

export const DEFAULT_PREDICTIVE_TUNING: PredictiveTuning = {
  baseTargetShare: 0.6,
  answerRateZ: 1.64,
  minDials: 100,
};

export interface PredictiveDecision {
  lines: number;
  /**
   * model: the controller's own count; over_cap: the measured rate reached the cap;
   * no_answer_data: too few dial results (or no live answer) yet to predict from.
   */
  basis: 'model' | 'over_cap' | 'no_answer_data';
  targetAbandonRate: number;
  answerRate: number;
  agentsExpectedFree: number;
  expectedAbandons: number;
  expectedLiveAnswers: number;
}

/** Upper end of the Wilson interval: an estimate that is rarely below the true rate. */
export function answerRateUpperBound(answers: number, dials: number, z: number): number {
  if (dials <= 0) return 1;
  const p = answers / dials;
  const z2 = z * z;
  const centre = p + z2 / (2 * dials);
  const spread = z * Math.sqrt((p * (1 - p)) / dials + z2 / (4 * dials * dials));
  return Math.min(1, (centre + spread) / (1 + z2 / dials));
}

/** The target for this tick: base share of the cap, shrinking linearly to 0 at the cap. */
export function targetAbandonRate(
  windowAbandoned: number,
  windowLiveAnswers: number,
  cap: number,
  tuning: PredictiveTuning = DEFAULT_PREDICTIVE_TUNING,
): number {
  const measured = windowLiveAnswers > 0 ? windowAbandoned / windowLiveAnswers : 0;
  const pressure = Math.min(1, measured / cap);
  return cap * tuning.baseTargetShare * (1 - pressure);
}

export function predictiveLines(
  input: PacingInput,
  tuning: PredictiveTuning = DEFAULT_PREDICTIVE_TUNING,
): PredictiveDecision {
  const floor = progressiveLines(input);
  const target = targetAbandonRate(
    input.windowAbandoned,
    input.windowLiveAnswers,
    input.abandonCap,
    tuning,
  );
  const model = input.answers;
  const p = answerRateUpperBound(model.liveAnswers, model.dials, tuning.answerRateZ);
  const horizon = model.meanTimeToAnswerMs + input.maxConnectDelayMs;
  const releases = input.busyAgents.map((a) =>
    probabilityFreeWithin(input.handleTimes, a, horizon),
  );
  const agentsExpectedFree = input.idleAgents + releases.reduce((s, q) => s + q, 0);
  const basis =
    target <= 0
      ? 'over_cap'
      : model.dials < tuning.minDials || model.liveAnswers === 0
        ? 'no_answer_data'
        : 'model';
  const result = (lines: number, e = { abandons: 0, answers: 0 }): PredictiveDecision => ({
    lines,
    basis,
    targetAbandonRate: target,
    answerRate: p,
    agentsExpectedFree,
    expectedAbandons: e.abandons,
    expectedLiveAnswers: e.answers,
  });
  if (basis !== 'model') return result(floor);

  const ringingCount = input.ringingElapsedMs.length;
  const ringingMean = input.ringingElapsedMs.reduce(
    (s, e) => s + Math.min(1, p * ringingAnswerFactor(model, e)),
    0,
  );
  const freedPmf = poissonBinomialPmf(releases);
  const evaluate = (lines: number) => {
    const n = ringingCount + lines;
    const answersMean = ringingMean + lines * p;
    const excess = expectedExcess(binomialPmf(n, n > 0 ? answersMean / n : 0));
    let abandons = 0;
    for (let freed = 0; freed < freedPmf.length; freed++) {
      const agents = input.idleAgents + freed - input.waitingAnswers;
      // With fewer agents than calls already waiting, every new answer is left over too.
      const left = agents >= 0 ? (excess[Math.min(agents, n)] ?? 0) : answersMean - agents;
      abandons += (freedPmf[freed] ?? 0) * left;
    }
    return { abandons, answers: answersMean + input.waitingAnswers };
  };

  const agentsOnDuty = input.idleAgents + input.busyAgents.length;
  const ceiling = Math.max(
    floor,
    Math.min(
      input.contactsAvailable,
      Math.floor(input.maxLinesPerAgent * agentsOnDuty) - ringingCount,
    ),
  );
  // Each extra line raises the left-over share, so the largest count that fits is found by
  // bisection between the progressive count (which never abandons) and the ceiling.
  let lo = floor;
  let hi = ceiling;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const e = evaluate(mid);
    if (e.abandons <= target * e.answers) lo = mid;
    else hi = mid - 1;
  }
  return result(lo, evaluate(lo));
}

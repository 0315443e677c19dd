import { describe, expect, it } from 'vitest';
import {
  answerRateUpperBound,
  buildAnswerModel,
  buildHandleTimeModel,
  planDial,
  predictiveLines,
  probabilityFreeWithin,
  progressiveLines,
  ringingAnswerFactor,
  targetAbandonRate,
  validatePacingInput,
  type PacingInput,
} from '../../../outbound/index.js';
import {
  binomialPmf,
  expectedExcess,
  poissonBinomialPmf,
} from '../../../outbound/pacing/distributions.js';

const S = 1000;

/** `dials` results of which `live` were people answering after 12 s; the rest rang out at 25 s. */
function answersModel(dials: number, live: number) {
  return buildAnswerModel(
    Array.from({ length: dials }, (_, i) => ({
      afterMs: i < live ? 12 * S : 25 * S,
      live: i < live,
    })),
  );
}

// Talk 60-300 s, wrap-up 10-30 s, evenly spread.
const handleTimes = buildHandleTimeModel(
  Array.from({ length: 100 }, (_, i) => (60 + (240 * i) / 99) * S),
  Array.from({ length: 100 }, (_, i) => (10 + (20 * i) / 99) * S),
);

function input(overrides: Partial<PacingInput> = {}): PacingInput {
  return {
    mode: 'predictive',
    idleAgents: 5,
    busyAgents: [],
    ringingElapsedMs: [],
    waitingAnswers: 0,
    contactsAvailable: 10_000,
    handleTimes,
    answers: answersModel(2000, 200),
    windowLiveAnswers: 1000,
    windowAbandoned: 0,
    abandonCap: 0.03,
    maxConnectDelayMs: 2000,
    maxLinesPerAgent: 6,
    ...overrides,
  };
}

describe('progressive pacing', () => {
  it('dials one line per free agent', () => {
    expect(progressiveLines(input({ idleAgents: 5 }))).toBe(5);
  });

  it('counts lines already ringing and answers waiting as taken agents', () => {
    expect(progressiveLines(input({ idleAgents: 5, ringingElapsedMs: [1000, 2000] }))).toBe(3);
    expect(
      progressiveLines(input({ idleAgents: 5, ringingElapsedMs: [0], waitingAnswers: 1 })),
    ).toBe(3);
    expect(progressiveLines(input({ idleAgents: 1, ringingElapsedMs: [0, 0, 0] }))).toBe(0);
  });

  it('never dials more lines than there are callable contacts', () => {
    expect(progressiveLines(input({ idleAgents: 5, contactsAvailable: 2 }))).toBe(2);
  });

  it('is what planDial does in progressive mode, whatever the answer rate', () => {
    const d = planDial(
      input({ mode: 'progressive', idleAgents: 4, answers: answersModel(2000, 20) }),
    );
    expect(d).toMatchObject({
      mode: 'progressive',
      linesToDial: 4,
      basis: 'progressive',
      recordsToPresent: 0,
    });
  });
});

describe('preview pacing', () => {
  it('hands one record to each free agent and dials nothing itself', () => {
    expect(planDial(input({ mode: 'preview', idleAgents: 3 }))).toMatchObject({
      linesToDial: 0,
      recordsToPresent: 3,
      basis: 'preview',
    });
    expect(
      planDial(input({ mode: 'preview', idleAgents: 3, contactsAvailable: 1 })).recordsToPresent,
    ).toBe(1);
  });
});

describe('predictive pacing', () => {
  it('dials ahead of free agents when few calls are answered', () => {
    const d = predictiveLines(input());
    expect(d.basis).toBe('model');
    expect(d.lines).toBeGreaterThan(progressiveLines(input()));
  });

  it('keeps the expected share of answers that find no agent within the target', () => {
    const d = predictiveLines(input({ windowAbandoned: 10 }));
    expect(d.expectedAbandons).toBeLessThanOrEqual(d.targetAbandonRate * d.expectedLiveAnswers);
    expect(d.expectedAbandons).toBeGreaterThan(0);
  });

  it('dials fewer lines as the measured abandon rate approaches the cap', () => {
    const lines = [0, 10, 20, 29].map(
      (abandoned) => predictiveLines(input({ idleAgents: 10, windowAbandoned: abandoned })).lines,
    );
    for (let i = 1; i < lines.length; i++) expect(lines[i]).toBeLessThanOrEqual(lines[i - 1]!);
    expect(lines[3]).toBeLessThan(lines[0]!);
  });

  it('falls back to one line per free agent at or over the cap', () => {
    for (const abandoned of [30, 45]) {
      const d = predictiveLines(input({ idleAgents: 10, windowAbandoned: abandoned }));
      expect(d).toMatchObject({ basis: 'over_cap', lines: 10, targetAbandonRate: 0 });
    }
  });

  it('behaves like progressive until enough dials have been measured', () => {
    const d = predictiveLines(input({ answers: answersModel(50, 5) }));
    expect(d).toMatchObject({ basis: 'no_answer_data', lines: 5 });
  });

  it('dials more when busy agents are at the end of wrap-up than when they just started a call', () => {
    const ending = Array.from({ length: 10 }, () => ({
      phase: 'wrap_up' as const,
      elapsedMs: 28 * S,
    }));
    const starting = Array.from({ length: 10 }, () => ({
      phase: 'talking' as const,
      elapsedMs: 1 * S,
    }));
    const soon = predictiveLines(input({ idleAgents: 0, busyAgents: ending }));
    const later = predictiveLines(input({ idleAgents: 0, busyAgents: starting }));
    expect(soon.agentsExpectedFree).toBeGreaterThan(9);
    expect(later.agentsExpectedFree).toBe(0);
    expect(later.lines).toBe(0);
    expect(soon.lines).toBeGreaterThan(later.lines);
  });

  it('counts a line that has rung past the usual answer time as unlikely to need an agent', () => {
    const fresh = predictiveLines(input({ ringingElapsedMs: Array(20).fill(0) }));
    const stale = predictiveLines(input({ ringingElapsedMs: Array(20).fill(20 * S) }));
    expect(stale.lines).toBeGreaterThan(fresh.lines);
  });

  it('starts no line while answered calls already wait and no agent is free', () => {
    const busy = [{ phase: 'talking' as const, elapsedMs: 5 * S }];
    expect(
      predictiveLines(input({ idleAgents: 0, busyAgents: busy, waitingAnswers: 2 })).lines,
    ).toBe(0);
  });

  it('never has more lines ringing than the per-agent ceiling allows', () => {
    const d = predictiveLines(
      input({ idleAgents: 2, maxLinesPerAgent: 3, ringingElapsedMs: [0, 0] }),
    );
    expect(d.lines).toBeLessThanOrEqual(2 * 3 - 2);
  });

  it('reports the dial ratio of its decision', () => {
    const d = planDial(input({ idleAgents: 4 }));
    expect(d.dialRatio).toBeCloseTo(d.linesToDial / 4, 10);
  });
});

describe('predictive building blocks', () => {
  it('shrinks the target linearly from 60% of the cap to 0 at the cap', () => {
    expect(targetAbandonRate(0, 1000, 0.03)).toBeCloseTo(0.018, 10);
    expect(targetAbandonRate(15, 1000, 0.03)).toBeCloseTo(0.009, 10);
    expect(targetAbandonRate(30, 1000, 0.03)).toBe(0);
    expect(targetAbandonRate(0, 0, 0.03)).toBeCloseTo(0.018, 10);
  });

  it('bounds the answer rate from above, tighter with more dials', () => {
    expect(answerRateUpperBound(0, 0, 1.64)).toBe(1);
    const few = answerRateUpperBound(10, 100, 1.64);
    const many = answerRateUpperBound(1000, 10_000, 1.64);
    expect(few).toBeGreaterThan(many);
    expect(many).toBeGreaterThan(0.1);
    expect(many).toBeLessThan(0.11);
  });

  it('reads an agent’s chance of coming free from the measured handle times', () => {
    expect(
      probabilityFreeWithin(handleTimes, { phase: 'wrap_up', elapsedMs: 25 * S }, 10 * S),
    ).toBe(1);
    expect(probabilityFreeWithin(handleTimes, { phase: 'wrap_up', elapsedMs: 0 }, 5 * S)).toBe(0);
    const half = probabilityFreeWithin(
      handleTimes,
      { phase: 'wrap_up', elapsedMs: 10 * S },
      10 * S,
    );
    expect(half).toBeGreaterThan(0.4);
    expect(half).toBeLessThan(0.6);
    // Longer than any call seen: assumed to go on.
    expect(
      probabilityFreeWithin(handleTimes, { phase: 'talking', elapsedMs: 400 * S }, 60 * S),
    ).toBe(0);
  });

  it('gives a line ringing past every live answer no chance of a person answering', () => {
    const model = answersModel(1000, 100);
    expect(ringingAnswerFactor(model, 0)).toBeCloseTo(1, 10);
    expect(ringingAnswerFactor(model, 15 * S)).toBe(0);
  });

  it('computes binomial probabilities that sum to one, even for many lines', () => {
    const pmf = binomialPmf(10, 0.3);
    expect(pmf[3]).toBeCloseTo(0.266827932, 8);
    const big = binomialPmf(3000, 0.4);
    expect(big.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(big.every((x) => Number.isFinite(x))).toBe(true);
  });

  it('computes the expected left-over answers E[max(0, X - k)] like a direct sum', () => {
    const pmf = binomialPmf(12, 0.35);
    const excess = expectedExcess(pmf);
    for (let k = 0; k <= 12; k++) {
      let direct = 0;
      pmf.forEach((p, x) => (direct += p * Math.max(0, x - k)));
      expect(excess[k]).toBeCloseTo(direct, 12);
    }
  });

  it('computes the distribution of agents coming free from their separate chances', () => {
    expect(Array.from(poissonBinomialPmf([0.5, 0.5]))).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(poissonBinomialPmf([]))).toEqual([1]);
  });
});

describe('pacing input from outside', () => {
  it('accepts a well-formed snapshot', () => {
    expect(validatePacingInput(input()).idleAgents).toBe(5);
  });

  it('names what is wrong with a bad one', () => {
    expect(() => validatePacingInput({ ...input(), idleAgents: -1 })).toThrow(/idleAgents/);
    expect(() =>
      validatePacingInput({ ...input(), windowAbandoned: 5, windowLiveAnswers: 2 }),
    ).toThrow(/windowAbandoned: cannot exceed windowLiveAnswers/);
    expect(() => validatePacingInput({ ...input(), answers: {} })).toThrow(/buildAnswerModel/);
  });
});

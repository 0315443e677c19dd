import { DEFAULT_PREDICTIVE_TUNING, predictiveLines, type PredictiveTuning } from './predictive.js';
import type { PacingInput } from './pacing-input.js';
import { progressiveLines } from './progressive.js';

export interface PacingDecision {
  mode: PacingInput['mode'];
  /** Lines the dialer starts now. */
  linesToDial: number;
  /** Preview mode: records to hand to agents, who then dial or skip them. */
  recordsToPresent: number;
  basis: 'preview' | 'progressive' | 'model' | 'over_cap' | 'no_answer_data';
  /**
   * Lines ringing after this tick per agent expected to be free to take them (per one agent
   * when none is expected).
   */
  dialRatio: number;
  targetAbandonRate: number | null;
  expectedAbandons: number;
  expectedLiveAnswers: number;
}

/** The pacing job's one call per tick: how many lines to start (or records to present) now. */
export function planDial(
  input: PacingInput,
  tuning: PredictiveTuning = DEFAULT_PREDICTIVE_TUNING,
): PacingDecision {
  if (input.mode === 'preview') {
    return {
      mode: 'preview',
      linesToDial: 0,
      recordsToPresent: Math.max(0, Math.min(input.idleAgents, input.contactsAvailable)),
      basis: 'preview',
      dialRatio: 0,
      targetAbandonRate: null,
      expectedAbandons: 0,
      expectedLiveAnswers: 0,
    };
  }
  if (input.mode === 'progressive') {
    const lines = progressiveLines(input);
    return {
      mode: 'progressive',
      linesToDial: lines,
      recordsToPresent: 0,
      basis: 'progressive',
      dialRatio: ratio(input.ringingElapsedMs.length + lines, input.idleAgents),
      targetAbandonRate: null,
      expectedAbandons: 0,
      expectedLiveAnswers: 0,
    };
  }
  const d = predictiveLines(input, tuning);
  return {
    mode: 'predictive',
    linesToDial: d.lines,
    recordsToPresent: 0,
    basis: d.basis,
    dialRatio: ratio(input.ringingElapsedMs.length + d.lines, d.agentsExpectedFree),
    targetAbandonRate: d.targetAbandonRate,
    expectedAbandons: d.expectedAbandons,
    expectedLiveAnswers: d.expectedLiveAnswers,
  };
}

function ratio(lines: number, agents: number): number {
  return lines / Math.max(1, agents);
}

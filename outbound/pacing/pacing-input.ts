import { z } from 'zod';
import { parseOrThrow } from '../validation.js';
import type { BusyAgent, HandleTimeModel } from './agent-release.js';
import type { AnswerModel } from './answer-model.js';

/**
 * One look at a campaign's floor, taken by the pacing job every tick. Everything is counted
 * by the caller; the controller keeps no memory between ticks.
 */
export interface PacingInput {
  mode: 'preview' | 'progressive' | 'predictive';
  /** Ready agents with no call, no ringing line meant for them and no preview record. */
  idleAgents: number;
  /** Agents on a call or in wrap-up, with how long they have been in that phase. */
  busyAgents: readonly BusyAgent[];
  /** Lines dialed and not yet answered or failed: how long each has been ringing. */
  ringingElapsedMs: readonly number[];
  /** Calls answered by a person that are waiting (within the connect deadline) for an agent. */
  waitingAnswers: number;
  /** Callable contacts left; no more lines than this are dialed. */
  contactsAvailable: number;
  handleTimes: HandleTimeModel;
  /** Results of recent dials (a recent window: answer rates drift with the hour). */
  answers: AnswerModel;
  /** Counts over the regulatory window (e.g. 30 days) for this campaign. */
  windowLiveAnswers: number;
  windowAbandoned: number;
  /** The cap on abandoned / live answers, e.g. 0.03. */
  abandonCap: number;
  /** How long a live answer may wait for an agent (2 s). */
  maxConnectDelayMs: number;
  maxLinesPerAgent: number;
}

const count = z.number().int().min(0);
const ms = z.number().min(0).finite();

const pacingInputSchema = z
  .object({
    mode: z.enum(['preview', 'progressive', 'predictive']),
    idleAgents: count,
    busyAgents: z.array(z.object({ phase: z.enum(['talking', 'wrap_up']), elapsedMs: ms })),
    ringingElapsedMs: z.array(ms),
    waitingAnswers: count,
    contactsAvailable: count,
    handleTimes: z.custom<HandleTimeModel>(
      (v) => typeof v === 'object' && v !== null && 'talkMs' in v && 'wrapMs' in v,
      'must come from buildHandleTimeModel()',
    ),
    answers: z.custom<AnswerModel>(
      (v) => typeof v === 'object' && v !== null && 'allMs' in v && 'liveMs' in v,
      'must come from buildAnswerModel()',
    ),
    windowLiveAnswers: count,
    windowAbandoned: count,
    abandonCap: z.number().gt(0).max(1),
    maxConnectDelayMs: ms,
    maxLinesPerAgent: z.number().min(1),
  })
  .refine((v) => v.windowAbandoned <= v.windowLiveAnswers, {
    message: 'cannot exceed windowLiveAnswers (an abandoned call is a live answer)',
    path: ['windowAbandoned'],
  });

/** For input assembled from outside data (an API, a stored snapshot); the sim skips it. */
export function validatePacingInput(input: unknown): PacingInput {
  return parseOrThrow(pacingInputSchema, input, 'invalid_pacing_input', 'pacing input');
}

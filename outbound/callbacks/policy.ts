import { z } from 'zod';
import { callingHoursSchema, type CallingHours } from '../time/calling-hours.js';
import { parseOrThrow } from '../validation.js';

/** How long to wait before the next try after a failure; grows per attempt up to a ceiling. */
export interface Backoff {
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
}

export type CallbackFailure = 'no_answer' | 'busy';

export interface CallbackPolicy {
  /** Dials in total, the first one included. */
  maxAttempts: number;
  retry: Record<CallbackFailure, Backoff>;
  /** When set, no callback dial happens outside these hours on the customer's clock. */
  callingHours: CallingHours | null;
}

const MINUTE = 60_000;

const backoffSchema = z
  .object({
    initialDelayMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60 * MINUTE),
    multiplier: z.number().min(1).max(10).default(2),
    maxDelayMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60 * MINUTE),
  })
  .refine((b) => b.maxDelayMs >= b.initialDelayMs, {
    message: 'maxDelayMs must not be below initialDelayMs',
    path: ['maxDelayMs'],
  });

// A busy line frees up soon; an unanswered phone usually means the person is away.
const DEFAULT_RETRY: Record<CallbackFailure, Backoff> = {
  no_answer: { initialDelayMs: 15 * MINUTE, multiplier: 2, maxDelayMs: 2 * 60 * MINUTE },
  busy: { initialDelayMs: 5 * MINUTE, multiplier: 2, maxDelayMs: 30 * MINUTE },
};

export const callbackPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).default(3),
  retry: z
    .object({
      no_answer: backoffSchema.default(DEFAULT_RETRY.no_answer),
      busy: backoffSchema.default(DEFAULT_RETRY.busy),
    })
    .default(DEFAULT_RETRY),
  callingHours: callingHoursSchema.nullable().default(null),
});

export function parseCallbackPolicy(input: unknown): CallbackPolicy {
  return parseOrThrow(callbackPolicySchema, input ?? {}, 'invalid_policy', 'callback policy');
}

/** Delay before attempt `failedAttempt + 1`, after attempt `failedAttempt` (1-based) failed. */
export function backoffDelayMs(backoff: Backoff, failedAttempt: number): number {
  const exponent = Math.max(0, failedAttempt - 1);
  const raw = backoff.initialDelayMs * Math.pow(backoff.multiplier, exponent);
  return Math.min(backoff.maxDelayMs, Math.round(raw));
}

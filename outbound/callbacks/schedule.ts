import { z } from 'zod';
import { OutboundError } from '../errors.js';
import { normalisePhone } from '../phone.js';
import { isValidTimeZone } from '../time/zoned-clock.js';
import { parseOrThrow } from '../validation.js';
import type { Callback, CallbackJob, CallbackKind } from './callback.js';
import { CALLBACK_ID, callbackJobId } from './job-id.js';
import { backoffDelayMs, type CallbackPolicy } from './policy.js';
import { expireCallback, moveCallback } from './transitions.js';
import { nextAttemptTime } from './window.js';

export interface NewCallbackInput {
  id: string;
  kind: CallbackKind;
  /** As typed or as caller id; normalised to E.164 with `defaultRegion`. */
  phone: string;
  timezone: string;
  queueId: string;
  earliest: Date;
  latest: Date;
}

const inputSchema = z
  .object({
    id: z.string().regex(CALLBACK_ID, '1-64 letters, digits, "-" or "_"'),
    kind: z.enum(['place_keeping', 'scheduled', 'abandoned']),
    phone: z.string().min(1, 'is required'),
    timezone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
    queueId: z.string().min(1, 'is required'),
    earliest: z.date(),
    latest: z.date(),
  })
  .refine((v) => v.latest.getTime() > v.earliest.getTime(), {
    message: 'must be after earliest',
    path: ['latest'],
  });

/**
 * Builds a pending callback and the job for its first attempt. Refused when no moment of the
 * window is still ahead and callable, so a customer is never promised a call that cannot happen.
 */
export function createCallback(
  input: NewCallbackInput,
  now: Date,
  policy: CallbackPolicy,
  defaultRegion = 'CN',
): { callback: Callback; job: CallbackJob } {
  const v = parseOrThrow(inputSchema, input, 'invalid_callback', 'callback');
  const phone = normalisePhone(v.phone, defaultRegion);
  if (!phone.ok) throw new OutboundError('invalid_phone', `callback phone: ${phone.reason}`);
  const window = { earliest: v.earliest, latest: v.latest };
  const first = nextAttemptTime(now, window, v.timezone, policy.callingHours);
  if (!first) {
    throw new OutboundError(
      'invalid_callback',
      `callback window ${v.earliest.toISOString()}..${v.latest.toISOString()} has no callable time left`,
    );
  }
  const callback: Callback = {
    id: v.id,
    kind: v.kind,
    phone: phone.e164,
    timezone: v.timezone,
    queueId: v.queueId,
    window,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: first,
    agentId: null,
    closedReason: null,
    updatedAt: now,
  };
  return { callback, job: { jobId: callbackJobId(v.id, 1), runAt: first } };
}

export type RetryDecision =
  { callback: Callback; job: CallbackJob } | { callback: Callback; job: null };

/**
 * After a no-answer or busy attempt: either the next attempt with its job (delay by the
 * outcome's backoff, then pushed into the window and calling hours), or expiry because the
 * attempts are used up or the window closes before the next try could happen.
 */
export function scheduleRetry(cb: Callback, now: Date, policy: CallbackPolicy): RetryDecision {
  if (cb.state !== 'no_answer' && cb.state !== 'busy') {
    throw new OutboundError(
      'illegal_transition',
      `callback ${cb.id} is ${cb.state}; only a no_answer or busy callback is retried`,
      { id: cb.id, from: cb.state, to: 'retry_scheduled' },
    );
  }
  if (cb.attempts >= policy.maxAttempts) {
    return { callback: expireCallback(cb, 'max_attempts', now), job: null };
  }
  const delay = backoffDelayMs(policy.retry[cb.state], cb.attempts);
  const at = nextAttemptTime(
    new Date(now.getTime() + delay),
    cb.window,
    cb.timezone,
    policy.callingHours,
  );
  if (!at) return { callback: expireCallback(cb, 'window_passed', now), job: null };
  const callback = moveCallback(cb, 'retry_scheduled', now, { nextAttemptAt: at });
  return { callback, job: { jobId: callbackJobId(cb.id, cb.attempts + 1), runAt: at } };
}

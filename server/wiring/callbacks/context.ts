import type { Queue } from 'bullmq';
import type { Callback, Crm } from '../../../crm-core/index.js';
import { nextAttemptTime } from '../../../outbound/index.js';
import type { AcdStore, Offer } from '../../../routing/index.js';
import type { AcdOffer, CallClock, TelephonyService } from '../../../telephony/index.js';
import type { Logger } from '../../logger.js';
import type { KeptPlace } from '../crm-changes.js';
import { attemptJobId, expireJobId, lineId } from './ids.js';
import type { ResolvedCallbackOptions } from './options.js';

export type CallbackJobData =
  | { kind: 'attempt'; callbackId: number; attempt: number; place?: KeptPlace }
  | { kind: 'dial'; callbackId: number; attempt: number; offer: AcdOffer }
  | { kind: 'expire'; callbackId: number };

export type CallbackJobResult = { done: string };

/** The parts of the call layer the callback jobs use. */
export interface CallbackTelephony {
  readonly service: TelephonyService;
  readonly acd: AcdStore;
  readonly clock: CallClock;
  deliverOffer(offer: AcdOffer): void;
}

export interface CallbackContext {
  crm: Crm;
  telephony: CallbackTelephony;
  queue: Queue<CallbackJobData, CallbackJobResult>;
  options: ResolvedCallbackOptions;
  logger: Logger;
}

/** Jobs stay in Redis for a week after they ran, so that adding one again stays a no-op. */
export const KEEP_JOBS = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
};

export const WAITING: readonly Callback['status'][] = ['pending', 'scheduled'];

export async function loadCallback(ctx: CallbackContext, id: number) {
  return ctx.crm.callbacks.get(id).catch((err: { code?: string }) => {
    if (err.code === 'not_found') return null;
    throw err;
  });
}

function forward(ctx: CallbackContext, offer: Offer | null | undefined): void {
  if (offer) ctx.telephony.deliverOffer(offer);
}

/**
 * Takes the attempt's entry out of the ACD (it waited for an agent, or held one reserved): the
 * agent is free again and whatever the ACD offers next goes on. Gone already is fine.
 */
export async function freeLine(ctx: CallbackContext, line: string): Promise<void> {
  try {
    const r = await ctx.telephony.acd.dequeue(line, 'cancelled');
    forward(ctx, r.agentOffer);
    forward(ctx, r.released?.offer);
  } catch (err) {
    if ((err as { code?: string }).code !== 'unknown_call') throw err;
  }
}

export async function expireCallback(
  ctx: CallbackContext,
  cb: Callback,
  reason: string,
): Promise<void> {
  if (WAITING.includes(cb.status)) await ctx.crm.callbacks.expire(cb.id, reason);
  await freeLine(ctx, lineId(cb.id, cb.attempts + 1));
  ctx.logger.info({ callbackId: cb.id, reason }, 'callback expired');
}

/**
 * Schedules the callback's next attempt (attempts made + 1) as a delayed job at the first
 * callable moment of its window, and its expiry at the window's end. Both job ids are stable,
 * so scheduling the same attempt again (a retried request, a re-arm at start) adds nothing.
 */
export async function scheduleNext(
  ctx: CallbackContext,
  cb: Callback,
  place?: KeptPlace,
  from: Date = new Date(),
): Promise<void> {
  if (!WAITING.includes(cb.status)) return;
  const now = new Date();
  const policy = ctx.options.policyFor(cb.maxAttempts);
  const window = { earliest: cb.earliest, latest: cb.latest };
  // A caller keeping their place is served now, whatever the calling hours say.
  const at = place ? from : nextAttemptTime(from, window, cb.timezone, policy.callingHours);
  if (!at || at.getTime() > cb.latest.getTime()) {
    await expireCallback(ctx, cb, 'window_passed');
    return;
  }
  const attempt = cb.attempts + 1;
  await ctx.queue.add(
    'attempt',
    { kind: 'attempt', callbackId: cb.id, attempt, ...(place ? { place } : {}) },
    {
      jobId: attemptJobId(cb.id, attempt),
      delay: Math.max(0, at.getTime() - now.getTime()),
      ...KEEP_JOBS,
    },
  );
  await ctx.queue.add(
    'expire',
    { kind: 'expire', callbackId: cb.id },
    {
      jobId: expireJobId(cb.id),
      delay: Math.max(0, cb.latest.getTime() - now.getTime()) + 1000,
      ...KEEP_JOBS,
    },
  );
}

/** The window's end: a callback still waiting expires; one closed elsewhere leaves the ACD. */
export async function runExpiry(
  ctx: CallbackContext,
  callbackId: number,
): Promise<CallbackJobResult> {
  const cb = await loadCallback(ctx, callbackId);
  if (!cb) return { done: 'gone' };
  if (WAITING.includes(cb.status)) {
    await expireCallback(ctx, cb, 'window_passed');
    return { done: 'expired' };
  }
  // Closed by the CRM's own sweep or a cancel: its ACD entry goes too.
  if (cb.status !== 'dialing') await freeLine(ctx, lineId(cb.id, cb.attempts + 1));
  return { done: `already ${cb.status}` };
}

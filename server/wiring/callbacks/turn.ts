import type { AcdOffer } from '../../../telephony/index.js';
import {
  expireCallback,
  KEEP_JOBS,
  loadCallback,
  WAITING,
  type CallbackContext,
  type CallbackJobData,
  type CallbackJobResult,
} from './context.js';
import { dialJobId, lineId, parseLineId, rejoinJobId } from './ids.js';

type AttemptJob = Extract<CallbackJobData, { kind: 'attempt' }>;

/**
 * An attempt's turn: the callback joins the ACD as a call without a phone line. A caller who
 * pressed the callback key joins with the wait start, priority and skills they had, so they
 * keep their place; a scheduled callback joins at the back. The customer is dialled only once
 * the ACD offers this entry an agent (`offered`), so the agent is reserved first.
 */
export async function takeTurn(ctx: CallbackContext, job: AttemptJob): Promise<CallbackJobResult> {
  const cb = await loadCallback(ctx, job.callbackId);
  if (!cb || !WAITING.includes(cb.status)) return { done: `skipped: ${cb?.status ?? 'gone'}` };
  if (cb.attempts >= job.attempt) return { done: 'skipped: attempt already made' };
  if (Date.now() >= cb.latest.getTime()) {
    await expireCallback(ctx, cb, 'window_passed');
    return { done: 'expired' };
  }
  const place = job.place;
  const skills = Object.entries(place?.skills ?? {}).map(([skill, min]) => ({ skill, min }));
  const priority = place ? place.priority : ctx.options.priority;
  try {
    const outcome = await ctx.telephony.acd.enqueue({
      id: lineId(cb.id, job.attempt),
      queueId: place?.queueId ?? cb.queue,
      enqueuedAt: place?.enqueuedAt ?? ctx.telephony.clock.now(),
      vip: false,
      ...(priority > 0 ? { priority } : {}),
      ...(skills.length ? { requirements: skills } : {}),
      ...(cb.customerId !== null ? { customerId: String(cb.customerId) } : {}),
    });
    if (outcome.kind === 'offer') await offered(ctx, outcome.offer);
    if (outcome.kind === 'exit') await rejoinLater(ctx, cb.id, job.attempt, outcome.reason);
    return { done: outcome.kind };
  } catch (err) {
    if ((err as { code?: string }).code === 'call_exists') return { done: 'already waiting' };
    throw err;
  }
}

/** The ACD reserved an agent for a callback's entry: the dial job takes it from here. */
export async function offered(ctx: CallbackContext, offer: AcdOffer): Promise<void> {
  const line = parseLineId(offer.callId);
  if (!line) return;
  await ctx.queue.add(
    'dial',
    { kind: 'dial', callbackId: line.callbackId, attempt: line.attempt, offer },
    { jobId: dialJobId(line.callbackId, line.attempt, offer.attempt), ...KEEP_JOBS },
  );
}

/** A callback that waits this long after the ACD sent it out (no agents, max wait) tries again. */
export const REJOIN_AFTER_MS = 60_000;

/**
 * The ACD sent the callback's entry out of the queue (no agent could ever take it, the queue's
 * maximum wait): the attempt joins again later, at the back, until its window ends.
 */
export async function rejoinLater(
  ctx: CallbackContext,
  callbackId: number,
  attempt: number,
  reason: string,
): Promise<void> {
  ctx.logger.info({ callbackId, attempt, reason }, 'callback left the ACD: joins again later');
  await ctx.queue.add(
    'attempt',
    { kind: 'attempt', callbackId, attempt },
    { jobId: rejoinJobId(callbackId, attempt, Date.now()), delay: REJOIN_AFTER_MS, ...KEEP_JOBS },
  );
}

import type { CallbackWithAttempts } from '../../../crm-core/index.js';
import { scheduleRetry, type Callback as OutboundCallback } from '../../../outbound/index.js';
import { isFinalDial, type DialOutRecord } from '../../../telephony/index.js';
import {
  expireCallback,
  freeLine,
  loadCallback,
  scheduleNext,
  WAITING,
  type CallbackContext,
  type CallbackJobData,
  type CallbackJobResult,
} from './context.js';
import { lineId } from './ids.js';
import { crmId } from '../crm-ids.js';

type DialJob = Extract<CallbackJobData, { kind: 'dial' }>;

/** A CRM user id (numeric) or null. */
/**
 * The agent is reserved: dial the customer once and settle the attempt. Safe to run again at
 * any point (a worker killed mid-dial, BullMQ's stalled-job recovery on another worker):
 * - the dial's record in Redis (telephony `dial`, created before the originate) says whether
 *   this attempt's line was already dialled: then it only waits for the outcome;
 * - the attempt log in PostgreSQL says whether the outcome was already recorded.
 */
export async function dialCallback(ctx: CallbackContext, job: DialJob): Promise<CallbackJobResult> {
  const { callbackId, attempt, offer } = job;
  const line = lineId(callbackId, attempt);
  const tel = ctx.telephony;
  let dial = await tel.service.dialRecord(line);
  if (!dial) {
    const cb = await loadCallback(ctx, callbackId);
    // `dialing` without a dial record: a worker died between the two; the dial is still to do.
    if (!cb || (!WAITING.includes(cb.status) && cb.status !== 'dialing')) {
      await freeLine(ctx, line);
      return { done: `skipped: ${cb?.status ?? 'gone'}` };
    }
    if (Date.now() >= cb.latest.getTime() && cb.status !== 'dialing') {
      await expireCallback(ctx, cb, 'window_passed');
      return { done: 'expired' };
    }
    // The agent stays reserved while the customer's phone rings, and then rings in turn.
    const deadline =
      tel.clock.now() + (ctx.options.ringSeconds + ctx.options.agentRingSeconds) * 1000;
    try {
      await tel.acd.extendOffer(line, offer.agentId, deadline);
    } catch (err) {
      // The offer lapsed before this job ran: the entry is back in its place and the ACD
      // offers it again (a new dial job); nothing was dialled.
      if ((err as { code?: string }).code === 'not_offered') return { done: 'offer lapsed' };
      throw err;
    }
    if (cb.status !== 'dialing' && !(await ctx.crm.callbacks.startDial(callbackId))) {
      await freeLine(ctx, line);
      return { done: 'skipped: no longer waiting' };
    }
    dial = await tel.service.dial({
      channelId: line,
      endpoint: ctx.options.endpoint.replace('{number}', cb.phone),
      ...(ctx.options.callerId ? { callerId: ctx.options.callerId } : {}),
      timeoutSeconds: ctx.options.ringSeconds,
      purpose: { kind: 'callback', callbackId: String(callbackId), number: cb.phone },
      reservation: { ...offer, deadline },
    });
    ctx.logger.info({ callbackId, attempt, agentId: offer.agentId }, 'callback dialled');
  }
  if (!isFinalDial(dial.status)) {
    // Real ms: the dial's own timeout is on the telephony clock, which may run faster.
    const waitMs = (dial.request.timeoutSeconds + 15) * 1000;
    const done = await tel.service.dialOutcome(line, waitMs);
    // Still ringing: the job fails and BullMQ runs it again, which waits again (no new dial).
    if (!done || !isFinalDial(done.status)) throw new Error(`callback ${line} is still ringing`);
    dial = done;
  }
  return settle(ctx, job, dial);
}

const CRM_OUTCOME = {
  answered: 'answered',
  no_answer: 'no_answer',
  busy: 'busy',
  congestion: 'busy',
  failed: 'failed',
} as const;

/** Records the attempt (once), writes the interaction row, and retries or expires. */
async function settle(
  ctx: CallbackContext,
  job: DialJob,
  dial: DialOutRecord,
): Promise<CallbackJobResult> {
  const { callbackId, attempt, offer } = job;
  const line = lineId(callbackId, attempt);
  const status = dial.status as keyof typeof CRM_OUTCOME;
  const answered = status === 'answered';
  // Not answered: the reserved agent is free again at once.
  if (!answered) await freeLine(ctx, line);
  let cb = await ctx.crm.callbacks.get(callbackId);
  if (!cb.attemptLog.some((a) => a.callId === line) && cb.status === 'dialing') {
    cb = await ctx.crm.callbacks.recordAttempt(callbackId, {
      outcome: CRM_OUTCOME[status],
      callId: line,
      agentId: answered ? crmId(offer.agentId) : null,
      notes: `attempt ${attempt}: ${status}${dial.cause !== null ? ` (cause ${dial.cause})` : ''}`,
    });
  }
  await ctx.crm.interactions.upsertByCallId(line, {
    kind: 'callback',
    direction: 'outbound',
    customerId: cb.customerId,
    callerNumber: cb.phone,
    queue: cb.queue,
    arrivedAt: new Date(dial.startedAt),
    ...(answered
      ? {}
      : { endedAt: new Date(dial.endedAt ?? dial.startedAt), abandoned: false, agentId: null }),
    disposition: `callback_${status}`,
    notes: `callback ${callbackId}, attempt ${attempt} of ${cb.maxAttempts}: ${status}`,
  });
  ctx.logger.info({ callbackId, attempt, outcome: status }, 'callback attempt settled');
  if (answered || !WAITING.includes(cb.status)) return { done: status };
  await retryOrExpire(ctx, cb, status === 'busy' || status === 'congestion' ? 'busy' : 'no_answer');
  return { done: status };
}

/** outbound's backoff decides when the next attempt goes, or that none fits any more. */
async function retryOrExpire(
  ctx: CallbackContext,
  cb: CallbackWithAttempts,
  failure: 'busy' | 'no_answer',
): Promise<void> {
  const now = new Date();
  const value: OutboundCallback = {
    id: String(cb.id),
    kind: cb.origin === 'abandoned' ? 'abandoned' : 'scheduled',
    phone: cb.phone,
    timezone: cb.timezone,
    queueId: cb.queue,
    window: { earliest: cb.earliest, latest: cb.latest },
    state: failure,
    attempts: cb.attempts,
    nextAttemptAt: null,
    agentId: null,
    closedReason: null,
    updatedAt: now,
  };
  const decision = scheduleRetry(value, now, ctx.options.policyFor(cb.maxAttempts));
  if (!decision.job) {
    await expireCallback(ctx, cb, decision.callback.closedReason ?? 'window_passed');
    return;
  }
  const scheduled = cb.status === 'pending' ? await ctx.crm.callbacks.schedule(cb.id) : cb;
  await scheduleNext(ctx, scheduled, undefined, decision.job.runAt);
}

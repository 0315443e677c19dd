import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { CallRecord, EndedBy } from '../model.js';
import type { InteractionPatch } from '../ports.js';
import { dropHold, HANGUP_TIMER, sayGoodbye } from './queue.js';
import { rowRecording } from './recording.js';
import { closeMonitor } from './supervisor.js';

/** Ends the call record once the agent's wrap-up time is over. */
export const WRAPUP_TIMER = 'wrapup';

function seconds(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  return Math.max(0, Math.round((to - from) / 1000));
}

function waitSeconds(r: CallRecord): number | null {
  return seconds(r.times.queuedAt, r.times.answeredAt ?? r.times.endedAt);
}

function talkSeconds(r: CallRecord): number | null {
  return seconds(r.times.answeredAt, r.times.endedAt);
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** Every field of the row, so the last write alone is enough (earlier ones may be lost). */
export function finalInteraction(r: CallRecord): InteractionPatch {
  return {
    customerId: r.caller?.customerId ?? null,
    callerNumber: r.callerNumber,
    agentId: r.agent?.agentId ?? r.lastAgentId,
    queue: r.queue?.queueId ?? null,
    ivrPath: r.ivrPath,
    arrivedAt: new Date(r.times.arrivedAt),
    queuedAt: date(r.times.queuedAt),
    offeredAt: date(r.times.offeredAt),
    answeredAt: date(r.times.answeredAt),
    endedAt: date(r.times.endedAt),
    waitSeconds: waitSeconds(r),
    talkSeconds: talkSeconds(r),
    abandoned: r.abandoned,
    ...(r.recording ? { recording: rowRecording(r.recording) } : {}),
  };
}

function cancelTimers(d: Draft): void {
  for (const id of Object.keys(d.rec.timers)) d.cancelTimer(id);
}

/** Inside a change: supervisors' legs, snoops and their bridges go with the call. */
export function endMonitors(ctx: CallContext, d: Draft): void {
  for (const monitorId of Object.keys(d.rec.monitors)) closeMonitor(ctx, d, monitorId);
}

/**
 * Inside a change: the call is over with no wrap-up to follow (IVR, queue, ringing, transfer).
 * The row gets its final fields; the agent who was being offered the call sees a missed call.
 */
export function finish(ctx: CallContext, d: Draft, endedBy: EndedBy, reason: string): void {
  const r = d.rec;
  const now = ctx.clock.now();
  const offeredTo = r.offer?.agentId ?? null;
  d.move('ended');
  r.times.endedAt = now;
  r.endedBy = endedBy;
  r.endReason = reason;
  cancelTimers(d);
  endMonitors(ctx, d);
  if (offeredTo) d.unindexAgent(offeredTo);
  if (r.lastAgentId) d.unindexAgent(r.lastAgentId);
  d.interaction(finalInteraction(r));
  d.emit({
    type: 'ended',
    callId: r.id,
    at: now,
    agentId: offeredTo,
    endedBy,
    reason,
    missed: offeredTo !== null,
    abandoned: r.abandoned,
    wrapUpSeconds: 0,
    waitSeconds: waitSeconds(r),
    talkSeconds: talkSeconds(r),
  });
}

/**
 * Inside a change: a bridged call ended on one side. The other side is hung up (the caller hears
 * goodbye first when the agent left), the bridge goes (which stops the recording), and the ACD
 * puts the agent in wrap-up.
 */
function wrapUp(ctx: CallContext, d: Draft, endedBy: 'caller' | 'agent'): void {
  const r = d.rec;
  const a = r.agent!;
  const now = ctx.clock.now();
  d.move('wrap_up');
  r.times.endedAt = now;
  r.endedBy = endedBy;
  r.endReason = endedBy === 'caller' ? 'caller_hangup' : 'agent_hangup';
  cancelTimers(d);
  endMonitors(ctx, d);
  d.interaction(finalInteraction(r));
  const callId = r.id;
  d.effect(() => ctx.ari.destroyBridge(a.bridgeId));
  if (endedBy === 'caller') d.effect(() => ctx.ari.hangup(a.channelId, 'normal'));
  else sayGoodbye(ctx, d, ctx.config.sounds.goodbye);
  d.effect(async () => {
    let wrapUpSeconds = 0;
    try {
      wrapUpSeconds = (await ctx.acd.release(callId, a.agentId)).wrapUpSeconds;
    } catch (err) {
      ctx.logger.error({ err, callId, agentId: a.agentId }, 'ACD release failed');
    }
    void ctx.run(callId, () => startWrapUp(ctx, callId, wrapUpSeconds));
  });
}

async function startWrapUp(ctx: CallContext, callId: string, wrapUpSeconds: number): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    const r = d.rec;
    if (r.state !== 'wrap_up' || r.wrapUpSeconds !== null) return false;
    const now = ctx.clock.now();
    r.wrapUpSeconds = wrapUpSeconds;
    d.setTimer(WRAPUP_TIMER, now + wrapUpSeconds * 1000);
    d.emit({
      type: 'ended',
      callId,
      at: r.times.endedAt ?? now,
      agentId: r.agent?.agentId ?? r.lastAgentId,
      endedBy: r.endedBy ?? 'system',
      reason: r.endReason ?? 'ended',
      missed: false,
      abandoned: false,
      wrapUpSeconds,
      waitSeconds: waitSeconds(r),
      talkSeconds: talkSeconds(r),
    });
  });
}

/** The wrap-up time is over: the call record ends (the agent's row stays in the ACD's hands). */
export async function endWrapUp(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    if (d.rec.state !== 'wrap_up') return false;
    delete d.rec.timers[WRAPUP_TIMER];
    cancelTimers(d);
    d.move('ended');
    if (d.rec.lastAgentId) d.unindexAgent(d.rec.lastAgentId);
  });
}

/** The caller's channel left the app (hung up, or sent back to the dialplan). */
export async function callerGone(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    const r = d.rec;
    switch (r.state) {
      case 'ivr':
        r.ivr = null;
        finish(ctx, d, 'caller', 'caller_hangup');
        return;
      case 'queued': {
        const q = r.queue!;
        const hold = q.holdBridgeId;
        d.effect(() => dropHold(ctx, hold));
        if (q.leaving === 'callback') {
          finish(ctx, d, 'callback', r.endReason ?? 'callback_requested');
          return;
        }
        if (q.leaving === 'exit') {
          finish(ctx, d, 'system', r.endReason ?? 'queue_exit');
          return;
        }
        r.abandoned = true;
        d.effect(() => ctx.acd.dequeue(callId, 'abandoned'));
        finish(ctx, d, 'caller', 'abandoned_in_queue');
        return;
      }
      case 'offering': {
        const o = r.offer!;
        const hold = r.queue?.holdBridgeId;
        r.abandoned = true;
        d.effect(async () => {
          await ctx.ari.hangup(o.channelId, 'normal');
          if (hold) await dropHold(ctx, hold);
          await ctx.acd.dequeue(callId, 'abandoned');
        });
        finish(ctx, d, 'caller', 'abandoned_while_ringing');
        return;
      }
      case 'connected':
        wrapUp(ctx, d, 'caller');
        return;
      case 'wrap_up':
      case 'ended':
        return false;
    }
  });
}

/** The agent's leg left the app while bridged (the agent hung up) or during the whisper. */
export async function agentGone(
  ctx: CallContext,
  callId: string,
  channelId: string,
): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (!rec) return;
  if (rec.state === 'offering' && rec.offer?.channelId === channelId) {
    await ctx.flow.offerFailed(callId, channelId, rec.offer.answeredAt ? 'failed' : 'no_answer');
    return;
  }
  if (rec.state !== 'connected' || rec.agent?.channelId !== channelId) return;
  if (ctx.config.agentHangup === 'requeue') {
    await requeueAfterAgent(ctx, callId);
    return;
  }
  await ctx.calls.update(callId, (d) => {
    if (d.rec.state !== 'connected' || d.rec.agent?.channelId !== channelId) return false;
    wrapUp(ctx, d, 'agent');
  });
}

/** `agentHangup: requeue`: the caller waits for the next agent, in their original place. */
async function requeueAfterAgent(ctx: CallContext, callId: string): Promise<void> {
  let agentId: string | null = null;
  await ctx.calls.update(callId, (d) => {
    const r = d.rec;
    const a = r.agent;
    if (r.state !== 'connected' || !a || !r.queue) return false;
    agentId = a.agentId;
    d.unindexAgent(a.agentId);
    d.emit({
      type: 'ended',
      callId,
      at: ctx.clock.now(),
      agentId: a.agentId,
      endedBy: 'agent',
      reason: 'agent_hangup_requeued',
      missed: false,
      abandoned: false,
      wrapUpSeconds: 0,
      waitSeconds: null,
      talkSeconds: seconds(a.connectedAt, ctx.clock.now()),
    });
    r.agent = null;
    d.effect(() => ctx.ari.destroyBridge(a.bridgeId));
    ctx.flow.routeToQueue(d, {
      queueId: r.queue.queueId,
      skills: r.queue.skills,
      priority: r.queue.priority,
      language: r.language,
      enqueuedAt: r.queue.enqueuedAt,
    });
  });
  if (agentId) {
    await ctx.acd.release(callId, agentId).catch((err: unknown) => {
      ctx.logger.error({ err, callId }, 'ACD release failed');
    });
  }
}

/** The goodbye prompt ended (or its grace time ran out): close the caller's line. */
export async function goodbyeDone(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    if (d.rec.goodbyePlaybackId === null) return false;
    d.rec.goodbyePlaybackId = null;
    d.cancelTimer(HANGUP_TIMER);
    const channelId = d.rec.channelId;
    d.effect(() => ctx.ari.hangup(channelId, 'normal'));
  });
}

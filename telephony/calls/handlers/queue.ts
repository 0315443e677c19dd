import type { CallContext, QueueRoute } from '../context.js';
import type { Draft } from '../draft.js';
import { isSharedHold, queueHoldBridgeId } from '../hold.js';
import type { CallRecord } from '../model.js';
import type { AcdCall, EnqueueOutcome, QueueExitKind } from '../ports.js';

export const ANNOUNCE_TIMER = 'announce';
/** Hangs the caller up if the goodbye prompt's end never arrives. */
export const HANGUP_TIMER = 'hangup';
const HANGUP_GRACE_MS = 15_000;

function acdCall(rec: CallRecord): AcdCall {
  const q = rec.queue!;
  const c = rec.caller;
  return {
    callId: rec.id,
    queueId: q.queueId,
    enqueuedAt: q.enqueuedAt,
    priority: q.priority,
    skills: q.skills,
    language: rec.language,
    tier: c?.tier ?? null,
    vip: c?.vip ?? false,
    customerId: c?.customerId ?? null,
    preferredAgentId: q.preferredAgentId ?? c?.preferredAgentId ?? null,
    lastAgentId: c?.lastAgentId ?? null,
    lastServedAt: c?.lastServedAt ?? null,
  };
}

/**
 * Inside a change: the caller waits in a holding bridge of their own with music on hold, and
 * the ACD is asked for an agent once the change is stored.
 */
export function routeToQueue(ctx: CallContext, d: Draft, route: QueueRoute): void {
  const rec = d.rec;
  const now = ctx.clock.now();
  d.move('queued');
  const holdBridgeId = queueHoldBridgeId(route.queueId);
  rec.queue = {
    queueId: route.queueId,
    skills: route.skills,
    priority: route.priority,
    enqueuedAt: route.enqueuedAt ?? now,
    holdBridgeId,
    leaving: null,
    announcements: 0,
    preferredAgentId: route.preferredAgentId ?? null,
  };
  rec.language = route.language;
  rec.times.queuedAt ??= now;
  d.setTimer(ANNOUNCE_TIMER, now + ctx.config.announceFirstAfterMs);
  d.interaction({
    queue: route.queueId,
    queuedAt: new Date(rec.times.queuedAt),
    ivrPath: rec.ivrPath,
  });
  const call = acdCall(rec);
  const channelId = rec.channelId;
  d.effect(async () => {
    // The ACD decides while the PBX builds the holding bridge; an offer is acted on only once
    // the caller is in it (the next task on the call's line).
    const reserved = route.reserved;
    const [outcome] = await Promise.all([
      reserved
        ? Promise.resolve<EnqueueOutcome>({ kind: 'offer', offer: reserved })
        : ctx.acd.enqueue(call),
      ctx.holds.join(holdBridgeId, route.queueId, channelId),
    ]);
    void ctx.run(rec.id, () => onEnqueued(ctx, rec.id, outcome));
  });
}

async function onEnqueued(
  ctx: CallContext,
  callId: string,
  outcome: EnqueueOutcome,
): Promise<void> {
  switch (outcome.kind) {
    case 'offer':
      await ctx.flow.offer(outcome.offer);
      return;
    case 'queued': {
      const info = await ctx.acd.waitInfo(callId).catch(() => null);
      await ctx.calls.update(callId, (d) => {
        if (d.rec.state !== 'queued' || !d.rec.queue) return false;
        d.emit({
          type: 'queued',
          callId,
          at: ctx.clock.now(),
          queueId: d.rec.queue.queueId,
          position: info?.position ?? outcome.position,
          estimatedWaitSeconds: info?.estimatedWaitSeconds ?? null,
        });
      });
      return;
    }
    case 'exit':
      await exitQueue(ctx, callId, outcome.exit, outcome.reason);
      return;
  }
}

/** Where the ACD sends a caller out of the queue (max wait, no agents, overflow to an exit). */
export async function exitQueue(
  ctx: CallContext,
  callId: string,
  exit: QueueExitKind,
  reason: string,
): Promise<void> {
  if (exit === 'callback') {
    await leaveForCallback(ctx, callId, 'exit');
    return;
  }
  await ctx.calls.update(callId, (d) => {
    if (d.rec.state !== 'queued' || !d.rec.queue || d.rec.queue.leaving) return false;
    const rec = d.rec;
    const channelId = rec.channelId;
    const hold = rec.queue!.holdBridgeId;
    rec.queue!.leaving = 'exit';
    d.cancelTimer(ANNOUNCE_TIMER);
    if (exit === 'voicemail') {
      // No voicemail here: the dialplan after Stasis() has the PBX's own fallback.
      ctx.flow.finish(d, 'dialplan', `queue_exit_${exit}: ${reason}`);
      d.effect(async () => {
        await leaveHold(ctx, hold, channelId);
        await ctx.ari.continueInDialplan(channelId);
      });
      return;
    }
    sayGoodbye(ctx, d, ctx.config.sounds.goodbye);
    rec.endReason = `queue_exit_${exit}: ${reason}`;
  });
}

/**
 * The caller leaves the holding bridge without joining another (back to the dialplan): out of
 * the queue's shared bridge, or an older call's own bridge destroyed.
 */
export async function leaveHold(ctx: CallContext, hold: string, channelId: string): Promise<void> {
  if (isSharedHold(hold)) await ctx.ari.removeChannel(hold, channelId);
  else await ctx.ari.destroyBridge(hold);
}

/** A holding bridge nobody waits in any more: an older call's own; a queue's stays. */
export async function dropHold(ctx: CallContext, hold: string): Promise<void> {
  if (!isSharedHold(hold)) await ctx.ari.destroyBridge(hold);
}

/** Plays a last prompt to the caller, who is hung up when it ends (or after a grace time). */
export function sayGoodbye(ctx: CallContext, d: Draft, media: string): void {
  const rec = d.rec;
  const playbackId = d.nextId('bye');
  rec.goodbyePlaybackId = playbackId;
  d.setTimer(HANGUP_TIMER, ctx.clock.now() + HANGUP_GRACE_MS);
  const channelId = rec.channelId;
  d.effect(() => ctx.ari.play({ channelId }, [media], { playbackId, lang: langOf(rec.language) }));
}

export function langOf(language: string): string {
  return language.split('-')[0]!.toLowerCase();
}

/**
 * The caller asked (a key while queued) or the ACD decided that they be called back: the request
 * keeps their place (original wait start and priority), they leave the ACD and hear the
 * confirmation before the line closes.
 */
export async function leaveForCallback(
  ctx: CallContext,
  callId: string,
  by: 'caller' | 'exit',
): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (!rec || rec.state !== 'queued' || !rec.queue || rec.queue.leaving) return;
  const number = rec.callerNumber;
  if (!number) {
    ctx.logger.warn({ callId }, 'callback asked for, but the caller number is unknown');
    return;
  }
  const queue = rec.queue;
  let requested = false;
  try {
    const { id } = await ctx.callbacks.create({
      number,
      queueId: queue.queueId,
      language: rec.language,
      callId,
      customerId: rec.caller?.customerId ?? null,
      origin: 'queue',
      enqueuedAt: queue.enqueuedAt,
      priority: queue.priority,
    });
    await rememberPlace(ctx, id, rec);
    requested = true;
  } catch (err) {
    ctx.logger.error({ err, callId }, 'callback request not recorded: the caller stays queued');
  }
  if (!requested) return;
  await ctx.acd.dequeue(callId, 'callback');
  await ctx.calls.update(callId, (d) => {
    if (d.rec.state !== 'queued' || !d.rec.queue) return false;
    d.rec.queue.leaving = 'callback';
    d.rec.endReason = by === 'caller' ? 'callback_requested' : 'callback_offered_by_queue';
    d.cancelTimer(ANNOUNCE_TIMER);
    sayGoodbye(ctx, d, ctx.config.sounds.callbackConfirmed);
  });
}

const PLACE_TTL_S = 7 * 24 * 3600;

/** What the callback's call needs to be served in the caller's old place. */
export interface KeptPlace {
  /** The number to call back (the outbound workers may also pass it in the call's args). */
  number: string | null;
  queueId: string;
  enqueuedAt: number;
  priority: number;
  skills: Record<string, number>;
  language: string;
}

async function rememberPlace(ctx: CallContext, callbackId: string, rec: CallRecord): Promise<void> {
  const q = rec.queue!;
  const place: KeptPlace = {
    number: rec.callerNumber,
    queueId: q.queueId,
    enqueuedAt: q.enqueuedAt,
    priority: q.priority,
    skills: q.skills,
    language: rec.language,
  };
  await ctx.redis.set(
    ctx.calls.store.keys.place(callbackId),
    JSON.stringify(place),
    'EX',
    PLACE_TTL_S,
  );
}

export async function keptPlace(ctx: CallContext, callbackId: string): Promise<KeptPlace | null> {
  const raw = await ctx.redis.get(ctx.calls.store.keys.place(callbackId));
  return raw ? (JSON.parse(raw) as KeptPlace) : null;
}

/** The announcement timer: position and estimated wait, then the callback offer. */
export async function announce(ctx: CallContext, callId: string): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (rec?.state === 'offering') {
    // Ringing an agent: no announcement now, but keep the rhythm in case the offer fails.
    await ctx.calls.update(callId, (d) => {
      d.setTimer(ANNOUNCE_TIMER, ctx.clock.now() + ctx.config.announceEveryMs);
    });
    return;
  }
  if (!rec || rec.state !== 'queued' || !rec.queue || rec.queue.leaving) return;
  const info = await ctx.acd.waitInfo(callId).catch((err: unknown) => {
    ctx.logger.warn({ err, callId }, 'wait estimate unavailable');
    return null;
  });
  await ctx.calls.update(callId, (d) => {
    const q = d.rec.queue;
    if (d.rec.state !== 'queued' || !q || q.leaving) return false;
    q.announcements += 1;
    d.setTimer(ANNOUNCE_TIMER, ctx.clock.now() + ctx.config.announceEveryMs);
    const s = ctx.config.sounds;
    const media: string[] = [];
    if (info?.position != null) media.push(s.queuePosition, `number:${info.position}`);
    if (info?.estimatedWaitSeconds != null) {
      const minutes = Math.max(1, Math.ceil(info.estimatedWaitSeconds / 60));
      media.push(s.queueWait, `number:${minutes}`, s.queueMinutes);
    }
    if (ctx.config.callbackDigit && d.rec.callerNumber) media.push(s.callbackOffer);
    if (media.length === 0) return;
    const playbackId = d.nextId('ann');
    const channelId = d.rec.channelId;
    const lang = langOf(d.rec.language);
    d.effect(() => ctx.ari.play({ channelId }, media, { playbackId, lang }));
  });
}

/** A key pressed while waiting. */
export async function queueDigit(ctx: CallContext, callId: string, digit: string): Promise<void> {
  if (digit !== ctx.config.callbackDigit) return;
  await leaveForCallback(ctx, callId, 'caller');
}

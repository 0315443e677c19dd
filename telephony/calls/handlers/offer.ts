import type { AriChannelInfo } from '../ari.js';
import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { AcdOffer, OfferFailure } from '../ports.js';
import { ANNOUNCE_TIMER, dropHold, langOf } from './queue.js';

/** Safety net when the PBX never reports the end of a ringing agent leg. */
export const RING_TIMER = 'ring';
const RING_GRACE_MS = 5_000;
/** Bridges anyway if the whisper's end never arrives. */
export const WHISPER_TIMER = 'whisper';
const WHISPER_MAX_MS = 15_000;

/** Q.850 causes of an agent leg that never answered. */
export function failureOfCause(cause: number): OfferFailure {
  if (cause === 17 || cause === 21) return 'busy';
  if (cause === 18 || cause === 19 || cause === 16) return 'no_answer';
  return 'failed';
}

function callerIdOf(name: string | null, number: string | null): string | undefined {
  if (!number) return undefined;
  return name ? `"${name.replace(/"/g, '')}" <${number}>` : number;
}

/**
 * The ACD offers the call to an agent. The screen pop goes out (the `offered` event) before
 * the agent's phone is dialled, so the console shows who is calling when the phone rings.
 * Runs on the call's line.
 */
export async function offerCall(ctx: CallContext, offer: AcdOffer): Promise<void> {
  const endpoint = await ctx.endpoints.endpointOf(offer.agentId).catch((err: unknown) => {
    ctx.logger.error({ err, agentId: offer.agentId }, 'agent endpoint lookup failed');
    return null;
  });
  let declined: OfferFailure = 'caller_gone';
  const rec = await ctx.calls.update(offer.callId, (d) => {
    const r = d.rec;
    if (r.state !== 'queued' || !r.queue || r.queue.leaving) return false;
    if (!endpoint) {
      declined = 'failed';
      return false;
    }
    const now = ctx.clock.now();
    d.move('offering');
    const channelId = d.nextId('agent');
    r.offer = {
      agentId: offer.agentId,
      attempt: offer.attempt,
      reason: offer.reason,
      deadline: offer.deadline,
      channelId,
      offeredAt: now,
      answeredAt: null,
      whisperPlaybackId: null,
    };
    r.queue.queueId = offer.queueId;
    r.routingReason = offer.reason;
    r.routingExplanation = offer.explanation ?? null;
    r.times.offeredAt ??= now;
    d.link(channelId, { role: 'agent' });
    d.indexAgent(offer.agentId);
    d.setTimer(RING_TIMER, Math.max(offer.deadline, now) + RING_GRACE_MS);
    d.interaction({ offeredAt: new Date(r.times.offeredAt), queue: offer.queueId });
    d.emit({
      type: 'offered',
      callId: r.id,
      at: now,
      agentId: offer.agentId,
      queueId: offer.queueId,
      attempt: offer.attempt,
      reason: offer.reason,
      explanation: offer.explanation ?? null,
      callerNumber: r.callerNumber,
      caller: r.caller,
      origin: r.origin,
      ivrPath: r.ivrPath.map(({ node, kind, input }) => ({ node, kind, input })),
      waitSeconds: Math.round((now - r.queue.enqueuedAt) / 1000),
      language: r.language,
    });
    const timeoutSeconds = Math.max(1, Math.ceil((offer.deadline - now) / 1000));
    const callerId = callerIdOf(r.caller?.name ?? r.callerName, r.callerNumber);
    d.effect(async () => {
      try {
        await ctx.ari.originate({
          endpoint: endpoint,
          channelId,
          app: ctx.ari.app,
          appArgs: ['agent', r.id],
          ...(callerId ? { callerId } : {}),
          timeoutSeconds,
          variables: { CC_CALL_ID: r.id },
        });
      } catch (err) {
        ctx.logger.warn({ err, callId: r.id, agentId: offer.agentId }, 'agent leg not dialled');
        void ctx.run(r.id, () => offerFailed(ctx, r.id, channelId, 'failed'));
      }
    });
  });
  if (rec) return;
  // The call cannot take this offer: give the agent back and try the next one.
  const next = await ctx.acd.reject(offer.callId, offer.agentId, declined);
  if (next && declined !== 'caller_gone') await offerCall(ctx, next);
}

/** The agent's leg did not answer (busy, no answer, failed) or the ACD withdrew the offer. */
export async function offerFailed(
  ctx: CallContext,
  callId: string,
  channelId: string,
  why: OfferFailure,
): Promise<void> {
  let agentId: string | null = null;
  await ctx.calls.update(callId, (d) => {
    const o = d.rec.offer;
    if (d.rec.state !== 'offering' || !o || o.channelId !== channelId) return false;
    agentId = o.agentId;
    d.move('queued');
    d.rec.offer = null;
    d.unlink(channelId);
    d.unindexAgent(o.agentId);
    d.cancelTimer(RING_TIMER);
    d.cancelTimer(WHISPER_TIMER);
    d.emit({ type: 'offer_failed', callId, at: ctx.clock.now(), agentId: o.agentId, why });
    d.effect(() => ctx.ari.hangup(channelId, 'normal'));
  });
  if (agentId === null || why === 'withdrawn') return;
  const next = await ctx.acd.reject(callId, agentId, why);
  if (next) await offerCall(ctx, next);
}

/** The agent's leg entered Stasis: the agent picked up. Whisper (VIP), then bridge. */
export async function agentAnswered(
  ctx: CallContext,
  channel: AriChannelInfo,
  callId: string,
): Promise<void> {
  const rec = await ctx.calls.update(callId, (d) => {
    const o = d.rec.offer;
    if (d.rec.state !== 'offering' || !o || o.channelId !== channel.id || o.answeredAt) {
      return false;
    }
    const now = ctx.clock.now();
    o.answeredAt = now;
    d.cancelTimer(RING_TIMER);
    const whisper =
      ctx.config.whisperAll ?? (d.rec.caller?.vip ? ctx.config.whisperVip : null) ?? null;
    if (!whisper) {
      ctx.flow.connect(d);
      return;
    }
    const playbackId = d.nextId('whisper');
    o.whisperPlaybackId = playbackId;
    d.setTimer(WHISPER_TIMER, now + WHISPER_MAX_MS);
    const lang = langOf(d.rec.language);
    d.effect(() => ctx.ari.play({ channelId: channel.id }, [whisper], { playbackId, lang }));
  });
  // A leg that answers too late (the offer moved on, the caller left) is not needed.
  if (!rec) await ctx.ari.hangup(channel.id, 'normal');
}

/** The whisper ended (or its safety timer fired): bridge the agent with the caller. */
export function whisperDone(d: Draft): boolean {
  const o = d.rec.offer;
  return d.rec.state === 'offering' && !!o && o.answeredAt !== null;
}

/**
 * Inside a change: the caller leaves the holding bridge for a mixing bridge with the agent, the
 * ACD hears the agent took the call, and recording starts.
 */
export function connect(ctx: CallContext, d: Draft): void {
  const r = d.rec;
  const o = r.offer!;
  const now = ctx.clock.now();
  d.move('connected');
  const bridgeId = d.nextId('mix');
  r.agent = { agentId: o.agentId, channelId: o.channelId, bridgeId, connectedAt: now };
  r.lastAgentId = o.agentId;
  r.times.answeredAt ??= now;
  r.offer = null;
  d.cancelTimer(WHISPER_TIMER);
  d.cancelTimer(RING_TIMER);
  d.cancelTimer(ANNOUNCE_TIMER);
  const hold = r.queue?.holdBridgeId ?? null;
  const callerChannel = r.channelId;
  const callId = r.id;
  d.interaction({
    agentId: o.agentId,
    answeredAt: new Date(r.times.answeredAt),
    waitSeconds:
      r.times.queuedAt === null
        ? null
        : Math.max(0, Math.round((r.times.answeredAt - r.times.queuedAt) / 1000)),
  });
  d.effect(async () => {
    await ctx.ari.createBridge({ bridgeId, type: 'mixing', name: `call ${callId}` });
    await ctx.ari.addChannels(bridgeId, [callerChannel, o.channelId]);
  });
  if (hold) d.effect(() => dropHold(ctx, hold));
  ctx.flow.startRecording(d);
  d.emit({
    type: 'connected',
    callId,
    at: now,
    agentId: o.agentId,
    recording: r.recording ? (r.recording.state === 'recording' ? 'recording' : 'paused') : 'off',
  });
  d.effect(async () => {
    try {
      await ctx.acd.accept(callId, o.agentId);
    } catch (err) {
      ctx.logger.warn({ err, callId, agentId: o.agentId }, 'ACD did not take the accept');
    }
  });
}

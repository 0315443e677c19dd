import type { CallContext } from '../context.js';
import { goodbyeDone, endWrapUp, WRAPUP_TIMER } from './hangup.js';
import { ivrEvent, IVR_TIMER } from './ivr.js';
import { RING_TIMER, WHISPER_TIMER, whisperDone } from './offer.js';
import { campaignConnectDue, CONNECT_TIMER } from './campaign-connect.js';
import { announce, ANNOUNCE_TIMER, HANGUP_TIMER, queueDigit } from './queue.js';

/** A playback on one of the call's channels finished. */
export async function playbackFinished(
  ctx: CallContext,
  callId: string,
  playbackId: string,
): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (!rec) return;
  if (rec.goodbyePlaybackId === playbackId) {
    await goodbyeDone(ctx, callId);
    return;
  }
  if (rec.state === 'offering' && rec.offer?.whisperPlaybackId === playbackId) {
    await bridgeAfterWhisper(ctx, callId);
    return;
  }
  if (rec.state === 'ivr' && rec.ivr) {
    const id = rec.ivr.aliases[playbackId] ?? playbackId;
    await ivrEvent(ctx, callId, { type: 'prompt_finished', playbackId: id });
  }
}

async function bridgeAfterWhisper(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    if (!whisperDone(d)) return false;
    ctx.flow.connect(d);
  });
}

/** A key the caller pressed. Digits are never logged: they may be a card number. */
export async function callerDigit(ctx: CallContext, callId: string, digit: string): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (rec?.state === 'ivr') await ivrEvent(ctx, callId, { type: 'dtmf', digit });
  else if (rec?.state === 'queued') await queueDigit(ctx, callId, digit);
}

/** One of the call's timers fell due. A timer the record no longer has is stale: ignored. */
export async function timerFired(ctx: CallContext, callId: string, timerId: string): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (!rec || !(timerId in rec.timers)) return;
  if (timerId.startsWith(IVR_TIMER)) {
    const id = timerId.slice(IVR_TIMER.length);
    await ivrEvent(ctx, callId, { type: 'timeout', timerId: id }, timerId);
    return;
  }
  switch (timerId) {
    case ANNOUNCE_TIMER:
      await announce(ctx, callId);
      return;
    case RING_TIMER:
      if (rec.state === 'offering' && rec.offer) {
        await ctx.flow.offerFailed(callId, rec.offer.channelId, 'no_answer');
      }
      return;
    case WHISPER_TIMER:
      await bridgeAfterWhisper(ctx, callId);
      return;
    case HANGUP_TIMER:
      await goodbyeDone(ctx, callId);
      return;
    case WRAPUP_TIMER:
      await endWrapUp(ctx, callId);
      return;
    case CONNECT_TIMER:
      await campaignConnectDue(ctx, callId);
      return;
    default:
      ctx.logger.warn({ callId, timerId }, 'unknown call timer');
  }
}

import type { CallContext } from '../context.js';
import { finish } from './hangup.js';
import { langOf, leaveHold } from './queue.js';

/**
 * Something broke while handling one call. The process and the other calls carry on; this
 * caller hears an apology and goes to the fallback queue (from the IVR, once) or back to the
 * dialplan, whose fallback after Stasis() takes over. A bridged call is left as it is.
 */
export async function failCall(ctx: CallContext, callId: string, err: unknown): Promise<void> {
  ctx.logger.error({ err, callId }, 'call step failed');
  let channelId: string | null = null;
  try {
    await ctx.calls.update(callId, (d) => {
      const r = d.rec;
      channelId = r.channelId;
      if (r.state === 'connected' || r.state === 'wrap_up' || r.state === 'ended') return false;
      if (r.state === 'offering') return false;
      r.failures += 1;
      for (const id of Object.keys(r.timers)) d.cancelTimer(id);
      const toQueue = r.state === 'ivr' && r.failures <= 1 && ctx.config.onFailure === 'queue';
      const lastPlay = r.ivr?.lastPlay?.id ?? null;
      const apology = ctx.config.sounds.apology;
      if (toQueue) {
        const playbackId = d.nextId('sorry');
        const channel = r.channelId;
        const lang = langOf(r.language);
        r.ivr = null;
        d.effect(async () => {
          if (lastPlay) await ctx.ari.stopPlayback(lastPlay);
          await ctx.ari.play({ channelId: channel }, [apology], { playbackId, lang });
        });
        ctx.flow.routeToQueue(d, {
          queueId: ctx.config.fallbackQueueId,
          skills: {},
          priority: 0,
          language: r.language,
        });
        return;
      }
      const hold = r.queue?.holdBridgeId ?? null;
      const channel = r.channelId;
      r.ivr = null;
      finish(ctx, d, 'dialplan', 'failure');
      d.effect(async () => {
        if (hold) await leaveHold(ctx, hold, channel);
        await ctx.ari.continueInDialplan(channel);
        await ctx.acd.dequeue(callId, 'ended').catch((e: unknown) => {
          ctx.logger.warn({ err: e, callId }, 'ACD dequeue after a failure did not go through');
        });
      });
    });
  } catch (fallbackErr) {
    ctx.logger.error({ err: fallbackErr, callId }, 'call fallback failed: back to the dialplan');
    const channel = channelId ?? callId;
    await ctx.ari.continueInDialplan(channel).catch((e: unknown) => {
      ctx.logger.error({ err: e, callId }, 'could not return the caller to the dialplan');
    });
  }
}

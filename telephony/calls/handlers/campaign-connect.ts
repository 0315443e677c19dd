import type { CallContext } from '../context.js';
import { ANNOUNCE_TIMER, sayGoodbye } from './queue.js';

/** Armed when a live-answered campaign call starts waiting for an agent. */
export const CONNECT_TIMER = 'connect';

/**
 * The connect deadline of a campaign call passed (2 s by default). If no agent has been offered
 * the call by then, the law treats it as abandoned: the person hears who called and why (the
 * recorded identification message) and the line closes. A call already offered is left alone.
 */
export async function campaignConnectDue(ctx: CallContext, callId: string): Promise<void> {
  const rec = await ctx.calls.get(callId);
  if (!rec || rec.state !== 'queued' || !rec.queue || rec.queue.leaving) return;
  if (rec.times.offeredAt !== null) return;
  await ctx.acd.dequeue(callId, 'abandoned');
  await ctx.calls.update(callId, (d) => {
    const q = d.rec.queue;
    d.cancelTimer(CONNECT_TIMER);
    if (d.rec.state !== 'queued' || !q || q.leaving) return;
    q.leaving = 'exit';
    d.rec.abandoned = true;
    d.rec.endReason = 'campaign_no_agent';
    d.cancelTimer(ANNOUNCE_TIMER);
    sayGoodbye(ctx, d, ctx.config.sounds.campaignIdentification);
  });
}

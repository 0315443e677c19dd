import type { Ctx } from '../context.js';
import { setState } from '../events.js';
import type { SimChannel } from '../state.js';
import { partnerOf } from './channels.js';

/**
 * Answers a channel. Answering the `;2` half of a Local pair answers `;1` too, which is how
 * an originate to `Local/1001@agents` learns that the agent picked up.
 */
export function answerChannel(ctx: Ctx, ch: SimChannel): void {
  if (ch.state === 'Up' || ch.hangingUp) return;
  setState(ctx, ch, 'Up');
  if (ch.kind === 'local2') {
    const one = partnerOf(ctx, ch);
    if (one && one.state !== 'Up' && !one.hangingUp) {
      setState(ctx, one, 'Up');
      ctx.hooks.dialAnswered(one);
    }
    return;
  }
  ctx.hooks.dialAnswered(ch);
}

export function cancelRing(ch: SimChannel): void {
  for (const t of ch.ringTimers) t.cancel();
  ch.ringTimers = [];
}

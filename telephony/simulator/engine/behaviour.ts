import { later, type Ctx, type EndpointBehaviour } from '../context.js';
import { CAUSE } from '../causes.js';
import type { SimChannel } from '../state.js';
import { answerChannel } from './answer.js';

export function behaviourFor(ctx: Ctx, endpoint: string): EndpointBehaviour {
  return ctx.behaviours.get(endpoint) ?? ctx.config.defaultBehaviour;
}

/**
 * The far end of a ringing channel does what the test scripted: answers, refuses busy or fails
 * after its delay, or never answers (the dialler's timeout ends the call), or waits for the
 * control API ('manual').
 */
export function ringOut(ctx: Ctx, ch: SimChannel, endpoint: string): void {
  const b = behaviourFor(ctx, endpoint);
  const after = (fn: () => void) => ch.ringTimers.push(later(ctx, b.delayMs, fn));
  switch (b.answer) {
    case 'answer':
      after(() => answerChannel(ctx, ch));
      return;
    case 'busy':
      after(() => ctx.hooks.hangup(ch, { initiator: 'unanswered', cause: CAUSE.busy }));
      return;
    case 'fail':
      after(() => ctx.hooks.hangup(ch, { initiator: 'unanswered', cause: CAUSE.subscriberAbsent }));
      return;
    case 'no-answer':
    case 'manual':
      return;
  }
}

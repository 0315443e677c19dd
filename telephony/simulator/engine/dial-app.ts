import { later, type Ctx, type HangupHow } from '../context.js';
import { CAUSE, dialStatusForCause } from '../causes.js';
import { setVariable } from '../events.js';
import type { SimChannel } from '../state.js';
import { splitArgs } from '../dialplan/parse.js';
import { allocate } from './allocate.js';
import { answerChannel, cancelRing } from './answer.js';
import { ringOut } from './behaviour.js';
import { dialEvent } from './dial-events.js';

/**
 * Dial(TECH/resource[&...],timeout) in the dialplan: rings the first target; when it answers,
 * the two channels are connected (outside ARI) and the dialling channel waits until either
 * hangs up; when it fails, DIALSTATUS is set and the dialplan goes on.
 * Returns false when nothing could be dialled (the dialplan continues at once).
 */
export function dialApp(ctx: Ctx, x: SimChannel, data: string): boolean {
  const [targets = '', timeoutText = ''] = splitArgs(data);
  const target = targets.split('&')[0]!.trim();
  let alloc;
  try {
    alloc = allocate(ctx, target, { caller: x.caller });
  } catch {
    setVariable(ctx, x, 'DIALSTATUS', 'CHANUNAVAIL');
    return false;
  }
  const p = alloc.primary;
  p.dialledBy = x.id;
  p.originate = undefined;
  dialEvent(ctx, p, '', alloc.dialstring, x);
  if (alloc.partner) ctx.hooks.runDialplan(alloc.partner);
  else ringOut(ctx, p, p.endpoint);
  const timeout = Number(timeoutText);
  if (timeout > 0) {
    p.ringTimers.push(
      later(ctx, timeout * 1000, () =>
        ctx.hooks.hangup(p, { initiator: 'unanswered', cause: CAUSE.noAnswer }),
      ),
    );
  }
  return true;
}

export function dialAppAnswered(ctx: Ctx, p: SimChannel): void {
  const x = p.dialledBy ? ctx.state.channels.get(p.dialledBy) : undefined;
  p.dialledBy = undefined;
  cancelRing(p);
  if (!x || x.hangingUp) {
    ctx.hooks.hangup(p, { initiator: 'remote', cause: CAUSE.normal });
    return;
  }
  x.dialPeerId = p.id;
  p.dialPeerId = x.id;
  dialEvent(ctx, p, 'ANSWER', dialstringOf(p), x);
  x.variables.set('DIALSTATUS', 'ANSWER');
  answerChannel(ctx, x);
}

export function dialAppFailed(ctx: Ctx, p: SimChannel, how: HangupHow): void {
  const x = p.dialledBy ? ctx.state.channels.get(p.dialledBy) : undefined;
  if (!x || x.hangingUp || !x.run) return;
  const status = dialStatusForCause(how.cause);
  dialEvent(ctx, p, status, dialstringOf(p), x);
  setVariable(ctx, x, 'DIALSTATUS', status);
  x.run.priority++;
  ctx.hooks.runDialplan(x);
}

function dialstringOf(p: SimChannel): string {
  return p.endpoint.slice(p.endpoint.indexOf('/') + 1);
}

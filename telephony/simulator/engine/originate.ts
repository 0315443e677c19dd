import { later, type Ctx, type HangupHow } from '../context.js';
import { CAUSE, dialStatusForCause } from '../causes.js';
import { badRequest } from '../errors.js';
import { channelEvent } from '../events.js';
import type { SimChannel } from '../state.js';
import { allocate } from './allocate.js';
import { cancelRing } from './answer.js';
import { ringOut } from './behaviour.js';
import { parseCallerId } from './channels.js';
import { dialEvent } from './dial-events.js';
import { enterStasis } from './stasis.js';

export interface OriginateParams {
  endpoint?: string;
  app?: string;
  appArgs?: string;
  callerId?: string;
  /** Seconds to ring before giving up; -1 rings forever. */
  timeout?: number;
  channelId?: string;
  otherChannelId?: string;
  context?: string;
  extension?: string;
  priority?: number;
  variables?: Record<string, string>;
}

/**
 * POST /channels. The channel exists at once (state Down) and the reply carries it; the rest
 * follows as events, as in the trace: for a Local endpoint the `;2` half's caller ID, then
 * Dial with an empty status; when the far end answers, Dial ANSWER and StasisStart with the
 * app arguments (or the dialplan at context/extension when no app was given).
 */
export function originate(ctx: Ctx, p: OriginateParams): SimChannel {
  if (!p.endpoint) throw badRequest('Endpoint must be specified');
  if (p.app && p.extension) throw badRequest("'app' and 'extension' are mutually exclusive");
  if (!p.app && !p.extension) throw badRequest('Application or extension must be specified');
  const caller = p.callerId ? parseCallerId(p.callerId) : { name: '', number: '' };
  const alloc = allocate(ctx, p.endpoint, {
    ...(p.channelId ? { channelId: p.channelId } : {}),
    ...(p.otherChannelId ? { otherChannelId: p.otherChannelId } : {}),
    caller,
  });
  const ch = alloc.primary;
  const partner = alloc.partner;
  ch.originate = {
    ...(p.app ? { app: p.app } : {}),
    appArgs: p.appArgs ? p.appArgs.split(',') : [],
    dialstring: alloc.dialstring,
    ...(p.app
      ? {}
      : {
          then: { context: p.context ?? 'default', exten: p.extension!, priority: p.priority ?? 1 },
        }),
  };
  for (const [k, v] of Object.entries(p.variables ?? {})) ch.variables.set(k, v);
  ctx.state.originated.push({
    channelId: ch.id,
    endpoint: p.endpoint,
    app: p.app ?? null,
    appArgs: ch.originate.appArgs,
    at: ctx.clock.now(),
  });
  if (p.app) {
    ch.subscribers.add(p.app);
    partner?.subscribers.add(p.app);
  }
  const timeout = p.timeout ?? 30;
  if (timeout > 0) {
    ch.ringTimers.push(
      later(ctx, timeout * 1000, () =>
        ctx.hooks.hangup(ch, { initiator: 'unanswered', cause: CAUSE.noAnswer }),
      ),
    );
  }
  later(ctx, 0, () => {
    if (ch.hangingUp) return;
    if (partner && p.callerId) {
      channelEvent(ctx, partner, 'ChannelCallerId', {
        caller_presentation: 0,
        caller_presentation_txt: 'Presentation Allowed, Not Screened',
      });
      channelEvent(ctx, partner, 'ChannelConnectedLine');
    }
    dialEvent(ctx, ch, '', alloc.dialstring);
    if (!partner) ringOut(ctx, ch, ch.endpoint);
    else if (ctx.behaviours.has(ch.endpoint)) ringOut(ctx, partner, ch.endpoint);
    else ctx.hooks.runDialplan(partner);
  });
  return ch;
}

export function originateAnswered(ctx: Ctx, ch: SimChannel): void {
  const o = ch.originate!;
  cancelRing(ch);
  dialEvent(ctx, ch, 'ANSWER', o.dialstring);
  if (o.app) {
    if (!enterStasis(ctx, ch, o.app, o.appArgs)) {
      ctx.hooks.hangup(ch, { initiator: 'dialplan', cause: CAUSE.normal });
    }
  } else if (o.then) {
    ch.run = { ...o.then, inStasis: false };
    ctx.hooks.runDialplan(ch);
  }
}

export function originateFailed(ctx: Ctx, ch: SimChannel, how: HangupHow): void {
  const status = how.initiator === 'app' ? 'CANCEL' : dialStatusForCause(how.cause);
  dialEvent(ctx, ch, status, ch.originate!.dialstring);
}

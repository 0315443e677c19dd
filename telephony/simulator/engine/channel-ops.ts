import { later, type Ctx } from '../context.js';
import { AriHttpError, badRequest, conflict, notFound } from '../errors.js';
import { channelEvent, setVariable } from '../events.js';
import type { SimChannel } from '../state.js';
import { newChannel, newLocalPair } from './channels.js';
import { endMediaFrom, logMedia } from './media-log.js';
import { dtmfOnRecordings } from './recording.js';
import { enterStasis } from './stasis.js';

export function getChannel(ctx: Ctx, id: string): SimChannel {
  const ch = ctx.state.channels.get(id);
  if (!ch || ch.hangingUp) throw notFound('Channel');
  return ch;
}

export interface InboundCall {
  from: string;
  callerName?: string;
  to?: string;
  context?: string;
  variables?: Record<string, string>;
}

/**
 * A call from outside: a Local pair whose `;1` half stands for the caller and whose `;2` half
 * runs the dialplan at to@context (`1000@from-pstn` by default), as in the recorded trace.
 * Resolves once the call reached Stasis, or failed to (no app connected: Asterisk goes on to
 * the dialplan's fallback), or ended.
 */
export function placeCall(
  ctx: Ctx,
  call: InboundCall,
): {
  caller: SimChannel;
  pbxSide: SimChannel;
  stasis: Promise<{ entered: boolean; reason?: string }>;
} {
  const context = call.context ?? 'from-pstn';
  const to = call.to ?? '1000';
  if (!ctx.dialplan.has(context)) throw badRequest(`no dialplan context "${context}"`);
  const caller = { name: call.callerName ?? '', number: call.from };
  const { one, two } = newLocalPair(ctx, to, context, { caller });
  one.state = 'Ring';
  for (const [k, v] of Object.entries(call.variables ?? {})) two.variables.set(k, v);
  const stasis = new Promise<{ entered: boolean; reason?: string }>((resolve) => {
    two.onStasisResult = (entered, reason) => resolve({ entered, ...(reason ? { reason } : {}) });
  });
  ctx.hooks.runDialplan(two);
  return { caller: one, pbxSide: two, stasis };
}

const DTMF = /^[0-9*#A-D]+$/;

/** The party on this channel presses keys: one ChannelDtmfReceived per digit. */
export function pressKeys(ctx: Ctx, ch: SimChannel, digits: string, gapMs: number): void {
  if (!DTMF.test(digits)) throw badRequest('digits may contain only 0-9, *, # and A-D');
  const step = ctx.config.dtmfDurationMs + gapMs;
  [...digits].forEach((digit, i) => {
    later(ctx, i * step, () => {
      if (!ctx.state.channels.has(ch.id) || ch.hangingUp) return;
      channelEvent(ctx, ch, 'ChannelDtmfReceived', {
        digit,
        duration_ms: ctx.config.dtmfDurationMs,
      });
      dtmfOnRecordings(ctx, ch.id, digit);
    });
  });
}

export function getVariable(ch: SimChannel, name: string): string {
  if (!name) throw badRequest('Variable name is required');
  if (name === 'CALLERID(num)') return ch.caller.number;
  if (name === 'CALLERID(name)') return ch.caller.name;
  const value = ch.variables.get(name);
  if (value === undefined) throw new AriHttpError(404, 'Provided variable was not found');
  return value;
}

export function setChannelVariable(ctx: Ctx, ch: SimChannel, name: string, value: string): void {
  if (!name) throw badRequest('Variable name is required');
  setVariable(ctx, ch, name, value);
}

export function startChannelMoh(ctx: Ctx, ch: SimChannel, mohClass: string): void {
  endMediaFrom(ch, 'moh', 'stopped');
  ch.moh = mohClass;
  logMedia(ch, `moh:${mohClass}`, 'moh', ctx.clock.now());
}

export function stopChannelMoh(ch: SimChannel): void {
  ch.moh = undefined;
  endMediaFrom(ch, 'moh', 'done');
}

export function indicateRinging(ctx: Ctx, ch: SimChannel, on: boolean): void {
  if (on) logMedia(ch, 'indication:ringing', 'ring', ctx.clock.now());
  else endMediaFrom(ch, 'ring', 'done');
}

/**
 * POST /channels/{id}/dtmf: tones sent to the party on the channel. On a Local half, or a
 * channel Dial() connected, the tones come out of the other side as received DTMF.
 */
export function sendDtmfToParty(ctx: Ctx, ch: SimChannel, dtmf: string, betweenMs = 100): void {
  if (!dtmf || !/^[0-9*#A-Dw]+$/.test(dtmf)) throw badRequest('DTMF is required');
  logMedia(ch, `dtmf-sent:${dtmf}`, 'dtmf', ctx.clock.now()).outcome = 'done';
  const other = ctx.state.channels.get(ch.partnerId ?? ch.dialPeerId ?? '');
  const digits = dtmf.replace(/w/g, '');
  if (other && !other.hangingUp && digits) pressKeys(ctx, other, digits, betweenMs);
}

const DIRECTIONS = ['none', 'both', 'out', 'in'];

/** A Snoop channel on `target`, placed in Stasis at once: StasisStart comes before the reply. */
export function snoop(
  ctx: Ctx,
  target: SimChannel,
  o: { spy?: string; whisper?: string; app?: string; appArgs?: string; snoopId?: string },
): SimChannel {
  const spy = o.spy ?? 'none';
  const whisper = o.whisper ?? 'none';
  if (!DIRECTIONS.includes(spy)) throw badRequest('Invalid direction specified for spy');
  if (!DIRECTIONS.includes(whisper)) throw badRequest('Invalid direction specified for whisper');
  if (spy === 'none' && whisper === 'none')
    throw badRequest('Direction for spy or whisper required');
  if (!o.app) throw badRequest('Application name is required');
  if (o.snoopId && ctx.state.channels.has(o.snoopId))
    throw conflict('Channel with given unique ID already exists');
  const args = o.appArgs ? o.appArgs.split(',') : [];
  const ch = newChannel(ctx, {
    ...(o.snoopId ? { id: o.snoopId } : {}),
    name: `Snoop/${target.id}-${ctx.state.nextSnoopSuffix()}`,
    kind: 'snoop',
    state: 'Up',
    endpoint: 'Snoop',
    dialplan: {
      context: 'default',
      exten: 's',
      priority: 1,
      app_name: 'Stasis',
      app_data: [o.app, ...args].join(','),
    },
  });
  ch.snoop = { targetId: target.id, spy, whisper };
  if (!enterStasis(ctx, ch, o.app, args)) {
    ctx.hooks.hangup(ch, { initiator: 'dialplan', cause: 16 });
  }
  return ch;
}

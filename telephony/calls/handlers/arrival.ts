import type { AriChannelInfo } from '../ari.js';
import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { CallOrigin, CallRecord, CallerProfile, LookupStatus } from '../model.js';
import { applyIvr } from './ivr.js';

/** The CRM lookup, bounded by the time budget; a late answer still reaches the screen pop. */
async function lookupCaller(
  ctx: CallContext,
  callId: string,
  number: string | null,
): Promise<{ profile: CallerProfile | null; status: LookupStatus }> {
  if (!number) return { profile: null, status: 'unknown' };
  const started = ctx.customers.findCaller(number);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'slow'>((res) => {
    timer = setTimeout(() => res('slow'), ctx.config.lookupBudgetMs);
  });
  try {
    const first = await Promise.race([started, budget]);
    if (first === 'slow') {
      started.then(
        (profile) => {
          if (profile) void ctx.run(callId, () => attachLateProfile(ctx, callId, profile));
        },
        (err: unknown) => ctx.logger.warn({ err, callId }, 'caller lookup failed late'),
      );
      ctx.logger.warn({ callId, budgetMs: ctx.config.lookupBudgetMs }, 'caller lookup too slow');
      return { profile: null, status: 'slow' };
    }
    return { profile: first, status: first ? 'found' : 'unknown' };
  } catch (err) {
    ctx.logger.warn({ err, callId }, 'caller lookup failed: carrying on as unknown');
    return { profile: null, status: 'failed' };
  } finally {
    clearTimeout(timer);
  }
}

async function attachLateProfile(
  ctx: CallContext,
  callId: string,
  profile: CallerProfile,
): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    if (d.rec.caller || d.rec.state === 'ended') return false;
    d.rec.caller = profile;
    d.rec.lookup = 'found';
    d.interaction({ customerId: profile.customerId });
  });
}

function numberOf(channel: AriChannelInfo): string | null {
  const n = channel.caller.number.trim();
  return n === '' ? null : n;
}

export function newCallRecord(
  ctx: CallContext,
  channel: AriChannelInfo,
  origin: CallOrigin,
  found: { profile: CallerProfile | null; status: LookupStatus },
  language: string,
  callerNumber: string | null = numberOf(channel),
): CallRecord {
  const now = ctx.clock.now();
  return {
    id: channel.id,
    state: 'ivr',
    origin,
    channelId: channel.id,
    callerNumber,
    callerName: channel.caller.name.trim() || null,
    caller: found.profile,
    lookup: found.status,
    language,
    ivr: null,
    queue: null,
    offer: null,
    agent: null,
    lastAgentId: null,
    routingReason: null,
    recording: null,
    goodbyePlaybackId: null,
    recordingHeld: false,
    monitors: {},
    timers: {},
    times: { arrivedAt: now, queuedAt: null, offeredAt: null, answeredAt: null, endedAt: null },
    ivrPath: [],
    endedBy: null,
    endReason: null,
    abandoned: false,
    wrapUpSeconds: null,
    failures: 0,
    seq: 0,
  };
}

/** Announces the call: the console's `arrived` event and the first fields of its row. */
export function arrivedFacts(d: Draft): void {
  const rec = d.rec;
  d.link(rec.channelId, { role: 'caller' });
  d.emit({
    type: 'arrived',
    callId: rec.id,
    at: rec.times.arrivedAt,
    callerNumber: rec.callerNumber,
    origin: rec.origin,
    caller: rec.caller,
    lookup: rec.lookup,
  });
  d.interaction({
    kind:
      rec.origin.kind === 'inbound'
        ? 'inbound_call'
        : rec.origin.kind === 'callback'
          ? 'callback'
          : 'campaign_call',
    direction: rec.origin.kind === 'inbound' ? 'inbound' : 'outbound',
    callerNumber: rec.callerNumber,
    customerId: rec.caller?.customerId ?? null,
    arrivedAt: new Date(rec.times.arrivedAt),
  });
}

/**
 * An inbound caller reached the app: answer, ask the CRM who it is (within the budget, in
 * parallel with answering), store the call and start the IVR script.
 */
export async function arriveInbound(ctx: CallContext, channel: AriChannelInfo): Promise<void> {
  const callId = channel.id;
  // Answering runs while the CRM is asked and the call is stored; only the first prompt waits
  // for it. A replayed StasisStart finds the call stored already: create() keeps the first one.
  const answered = channel.state === 'Up' ? Promise.resolve() : ctx.ari.answer(channel.id);
  // Awaited below (as the first effect); this only keeps an early failure from going unhandled.
  answered.catch((err: unknown) => ctx.logger.debug({ err, callId }, 'answer failed'));
  const found = await lookupCaller(ctx, callId, numberOf(channel));
  const interpreter = ctx.interpreter(ctx.config.scriptId);
  const started = interpreter.start({
    callId,
    callerNumber: numberOf(channel),
    customer: found.profile
      ? {
          vip: found.profile.vip,
          ...(found.profile.tier ? { tier: found.profile.tier } : {}),
          ...(found.profile.language ? { language: found.profile.language } : {}),
          ...(found.profile.name ? { name: found.profile.name } : {}),
        }
      : null,
    now: ctx.clock.now(),
  });
  const rec = newCallRecord(ctx, channel, { kind: 'inbound' }, found, started.state.language);
  const created = await ctx.calls.create(rec, (d) => {
    // Effects run in order: the channel is answered before the first prompt is played.
    d.effect(() => answered);
    arrivedFacts(d);
    d.rec.ivr = {
      scriptId: interpreter.script.id,
      state: started.state,
      lastPlay: null,
      lastLookup: null,
      aliases: {},
    };
    // The first prompt goes out while the call is stored: a node that restarts before the
    // commit finds a caller without a record and starts the call again.
    applyIvr(ctx, d, started, { eager: true });
  });
  if (!created) await answered;
}

import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import { langOf } from './queue.js';

/**
 * The callback key while queued: before the caller leaves the line, they hear the number the
 * callback will ring and press 1 to confirm it, or 2 to type another (digits, then #), which
 * is read back for confirmation in turn. They stay in their place in the queue meanwhile; no
 * answer within `callbackEntryTimeoutMs` leaves them waiting as before. Typed digits live in
 * the call record only (never logged).
 */
export const CALLBACK_ENTRY_TIMER = 'callback-entry';

const MIN_DIGITS = 5;
const MAX_DIGITS = 20;

function prompt(ctx: CallContext, d: Draft, media: string[]): void {
  const playbackId = d.nextId('cbk');
  const channelId = d.rec.channelId;
  const lang = langOf(d.rec.language);
  d.setTimer(CALLBACK_ENTRY_TIMER, ctx.clock.now() + ctx.config.callbackEntryTimeoutMs);
  d.effect(() => ctx.ari.play({ channelId }, media, { playbackId, lang }));
}

function readBack(ctx: CallContext, d: Draft, number: string): void {
  const s = ctx.config.sounds;
  prompt(ctx, d, [s.callbackNumber, `digits:${number.replace(/\D/g, '')}`, s.callbackConfirmKeys]);
}

function askNumber(ctx: CallContext, d: Draft): void {
  prompt(ctx, d, [ctx.config.sounds.callbackEnterNumber]);
}

/** The key was pressed: read the caller's number back, or ask for one when it is unknown. */
export async function startCallbackEntry(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    const q = d.rec.queue;
    if (d.rec.state !== 'queued' || !q || q.leaving || q.callbackEntry) return false;
    const number = d.rec.callerNumber;
    q.callbackEntry = { stage: number ? 'confirm' : 'typing', number, typed: '' };
    if (number) readBack(ctx, d, number);
    else askNumber(ctx, d);
  });
}

/**
 * A key during the entry. Answers the confirmed number once the caller pressed 1, else null
 * (still entering, or a key that means nothing here).
 */
export async function callbackEntryDigit(
  ctx: CallContext,
  callId: string,
  digit: string,
): Promise<string | null> {
  let confirmed: string | null = null;
  await ctx.calls.update(callId, (d) => {
    const q = d.rec.queue;
    const e = q?.callbackEntry;
    if (d.rec.state !== 'queued' || !q || !e || q.leaving) return false;
    if (e.stage === 'confirm') {
      if (digit === '1' && e.number) {
        confirmed = e.number;
        q.callbackEntry = null;
        d.cancelTimer(CALLBACK_ENTRY_TIMER);
        return;
      }
      if (digit !== '2') return false;
      q.callbackEntry = { stage: 'typing', number: null, typed: '' };
      askNumber(ctx, d);
      return;
    }
    if (digit === '#') {
      if (e.typed.length < MIN_DIGITS) {
        q.callbackEntry = { ...e, typed: '' };
        askNumber(ctx, d);
        return;
      }
      q.callbackEntry = { stage: 'confirm', number: e.typed, typed: '' };
      readBack(ctx, d, e.typed);
      return;
    }
    if (!/^[0-9]$/.test(digit) || e.typed.length >= MAX_DIGITS) return false;
    q.callbackEntry = { ...e, typed: e.typed + digit };
    d.setTimer(CALLBACK_ENTRY_TIMER, ctx.clock.now() + ctx.config.callbackEntryTimeoutMs);
  });
  return confirmed;
}

/** No answer in time: the caller simply keeps waiting in the queue. */
export async function callbackEntryExpired(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    const q = d.rec.queue;
    if (!q?.callbackEntry) return false;
    q.callbackEntry = null;
    d.cancelTimer(CALLBACK_ENTRY_TIMER);
  });
}

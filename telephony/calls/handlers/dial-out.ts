import type { Redis } from 'ioredis';
import { z } from 'zod';
import { isGone } from '../../ari/port.js';
import type { CallContext } from '../context.js';
import { CallError } from '../errors.js';
import type { CallKeys } from '../keys.js';
import type { AcdOffer } from '../ports.js';

/**
 * Outbound calls the workers place (callbacks, campaign calls): one POST /channels each, with a
 * channel id the caller chooses. The dial's record lives in Redis under `tel:dial:<channelId>`
 * and is created with SET NX before the originate, so the same channel id is never dialled
 * twice — a worker that died and retries the same attempt finds the record and waits for its
 * outcome instead of ringing the customer again.
 *
 * Outcomes: `answered` when the channel enters Stasis with its app args; otherwise from the
 * ChannelDestroyed cause (Q.850), read as Asterisk's app_dial does for DIALSTATUS: 17 → busy,
 * 18/19 → no_answer, 34/38/42 → congestion, anything else → failed (CHANUNAVAIL).
 */
export type DialOutStatus = 'originating' | 'ringing' | 'answered' | DialFailure;
export type DialFailure = 'no_answer' | 'busy' | 'congestion' | 'failed';

export type DialPurpose =
  | { kind: 'callback'; callbackId: string; number?: string | null }
  | {
      kind: 'outbound';
      campaignId: string;
      contactId: string;
      queueId: string;
      number: string;
      /**
       * Answering-machine detection: once answered, the channel runs the dialplan's AMD context
       * and comes back as `campaign,<channelId>` with AMDSTATUS set.
       */
      amd?: boolean;
      /** A live answer that no agent is offered within this many ms hears the identification. */
      connectWithinMs?: number;
      /** Preview mode: the agent who chose to dial this contact is preferred for the call. */
      agentId?: string;
    };

export interface DialOutRequest {
  /** Chosen by the caller and stable per attempt (letters, digits, `-`, `_`, `.`). */
  channelId: string;
  /** `PJSIP/+8613800138000@pstn`, `Local/...`. */
  endpoint: string;
  callerId?: string;
  /** Ring time before Asterisk gives up (no answer). */
  timeoutSeconds: number;
  purpose: DialPurpose;
  variables?: Record<string, string>;
  /**
   * An agent the ACD already reserved for this call: when the customer answers, that agent's
   * phone rings at once instead of the call waiting in a queue.
   */
  reservation?: AcdOffer | null;
}

export interface DialOutRecord {
  request: DialOutRequest;
  status: DialOutStatus;
  /** Q.850 cause of the end when not answered. */
  cause: number | null;
  /** Telephony clock (ms). */
  startedAt: number;
  endedAt: number | null;
  /** AMDSTATUS of an answered campaign call, once the dialplan's AMD() has run. */
  amd?: string | null;
}

const Id = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, ".", "-" or "_"');
const Arg = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => !s.includes(','), 'must not contain ","');
const DialOutSchema = z.object({
  channelId: Id,
  endpoint: z.string().regex(/^[A-Za-z]+\/\S{1,200}$/, 'like PJSIP/<number>@<trunk>'),
  callerId: z.string().max(200).optional(),
  timeoutSeconds: z.number().int().min(1).max(600),
  purpose: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('callback'),
      callbackId: Arg,
      number: Arg.nullable().optional(),
    }),
    z.object({
      kind: z.literal('outbound'),
      campaignId: Arg,
      contactId: Arg,
      queueId: Arg,
      number: Arg,
      amd: z.boolean().optional(),
      connectWithinMs: z.number().int().min(0).max(60_000).optional(),
      agentId: Arg.optional(),
    }),
  ]),
  variables: z.record(z.string(), z.string()).optional(),
  reservation: z
    .object({
      callId: z.string().min(1),
      agentId: z.string().min(1),
      queueId: z.string().min(1),
      deadline: z.number(),
      attempt: z.number(),
      reason: z.string(),
      // The ACD's why as data: carried to the pop as it is, never read here.
      explanation: z.unknown().optional(),
    })
    .nullable()
    .optional(),
});

/** Refuses a bad request with the field that is wrong, before anything is written. */
export function checkDialOut(req: DialOutRequest): DialOutRequest {
  const parsed = DialOutSchema.safeParse(req);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CallError(
      'invalid_input',
      `dial: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return req;
}

/** `callback,<id>[,<number>]` or `outbound,<campaignId>,<contactId>,<queueId>,<number>`. */
export function appArgsOf(p: DialPurpose): string[] {
  if (p.kind === 'callback') return ['callback', p.callbackId, ...(p.number ? [p.number] : [])];
  return ['outbound', p.campaignId, p.contactId, p.queueId, p.number];
}

export function failureOfDialCause(cause: number): DialFailure {
  if (cause === 17) return 'busy';
  if (cause === 18 || cause === 19) return 'no_answer';
  if (cause === 34 || cause === 38 || cause === 42) return 'congestion';
  return 'failed';
}

const FINAL: readonly DialOutStatus[] = ['answered', 'no_answer', 'busy', 'congestion', 'failed'];
export const isFinalDial = (s: DialOutStatus): boolean => FINAL.includes(s);

const DIAL_TTL_S = 2 * 24 * 3600;

export async function readDialOut(
  redis: Redis,
  keys: CallKeys,
  channelId: string,
): Promise<DialOutRecord | null> {
  const raw = await redis.get(keys.dial(channelId));
  return raw ? (JSON.parse(raw) as DialOutRecord) : null;
}

/**
 * On the driving node: records the dial (once per channel id) and originates. Answers the
 * record as it stands: a second request for the same channel id returns the first one's record
 * and dials nothing.
 */
export async function startDialOut(ctx: CallContext, req: DialOutRequest): Promise<DialOutRecord> {
  const keys = ctx.calls.store.keys;
  const rec: DialOutRecord = {
    request: req,
    status: 'originating',
    cause: null,
    startedAt: ctx.clock.now(),
    endedAt: null,
  };
  const created = await ctx.redis.set(
    keys.dial(req.channelId),
    JSON.stringify(rec),
    'EX',
    DIAL_TTL_S,
    'NX',
  );
  if (created !== 'OK') {
    const existing = await readDialOut(ctx.redis, keys, req.channelId);
    if (existing) return existing;
  }
  // The channel's events (ChannelDestroyed before any answer) find the dial through this link.
  await ctx.redis.set(
    keys.channel(req.channelId),
    JSON.stringify({ callId: req.channelId, role: 'dialout' }),
    'EX',
    DIAL_TTL_S,
  );
  try {
    await ctx.ari.originate({
      endpoint: req.endpoint,
      channelId: req.channelId,
      app: ctx.ari.app,
      appArgs: appArgsOf(req.purpose),
      timeoutSeconds: req.timeoutSeconds,
      ...(req.callerId ? { callerId: req.callerId } : {}),
      variables: {
        ...req.variables,
        CC_DIAL_ID: req.channelId,
        // The AMD context hands the channel back to the app as `campaign,<this id>`.
        ...(req.purpose.kind === 'outbound' && req.purpose.amd
          ? { CC_CAMPAIGN_CALL_ID: req.channelId }
          : {}),
      },
    });
  } catch (err) {
    ctx.logger.warn({ err, channelId: req.channelId }, 'dial-out originate refused');
    return (await finishDialOut(ctx, req.channelId, 'failed', null)) ?? rec;
  }
  return (
    (await setDialStatus(ctx, req.channelId, (r) =>
      r.status === 'originating' ? 'ringing' : null,
    )) ?? rec
  );
}

const CAS = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 end return 0`;

/**
 * Changes the dial's record (compare-and-set on its JSON): `change` answers the new record, or
 * null for no write. Answers the record as it then stands; null when there is no such dial.
 */
async function changeDial(
  ctx: CallContext,
  channelId: string,
  change: (r: DialOutRecord) => DialOutRecord | null,
): Promise<DialOutRecord | null> {
  const key = ctx.calls.store.keys.dial(channelId);
  for (let i = 0; i < 5; i++) {
    const raw = await ctx.redis.get(key);
    if (!raw) return null;
    const rec = JSON.parse(raw) as DialOutRecord;
    const updated = change(rec);
    if (!updated) return rec;
    if ((await ctx.redis.eval(CAS, 1, key, raw, JSON.stringify(updated))) === 1) return updated;
  }
  throw new CallError('conflict', `dial ${channelId} kept changing`);
}

/** Moves the dial's status on; answers the record as it then stands. */
function setDialStatus(
  ctx: CallContext,
  channelId: string,
  next: (r: DialOutRecord) => DialOutStatus | null,
  cause: number | null = null,
): Promise<DialOutRecord | null> {
  return changeDial(ctx, channelId, (rec) => {
    const status = next(rec);
    if (!status) return null;
    return {
      ...rec,
      status,
      cause: cause ?? rec.cause,
      endedAt: isFinalDial(status) ? ctx.clock.now() : null,
    };
  });
}

/** Keeps the AMD verdict with the answered dial, for the worker that reads its outcome. */
export async function noteDialAmd(
  ctx: CallContext,
  channelId: string,
  amd: string | null,
): Promise<void> {
  await changeDial(ctx, channelId, (rec) => ({ ...rec, amd }));
}

/** The dial ended without an answer (or its originate was refused). */
export function finishDialOut(
  ctx: CallContext,
  channelId: string,
  status: DialFailure,
  cause: number | null,
): Promise<DialOutRecord | null> {
  return setDialStatus(ctx, channelId, (r) => (isFinalDial(r.status) ? null : status), cause);
}

/** The customer answered: the channel entered Stasis. Answers the dial's record, if it is one. */
export async function dialAnswered(
  ctx: CallContext,
  channelId: string,
): Promise<DialOutRecord | null> {
  return setDialStatus(ctx, channelId, (r) => (isFinalDial(r.status) ? null : 'answered'));
}

/** ChannelDestroyed of a dial-out channel that never entered Stasis. */
export async function dialOutGone(
  ctx: CallContext,
  channelId: string,
  cause: number | null,
): Promise<void> {
  const status = cause === null ? 'failed' : failureOfDialCause(cause);
  await finishDialOut(ctx, channelId, status, cause);
}

/**
 * Any node: the dial's outcome. While it rings, polls Redis until it ends or `timeoutMs`
 * passes (then answers the record as it is, not final). null when the channel id was never
 * dialled.
 */
export async function awaitDialOut(
  redis: Redis,
  keys: CallKeys,
  channelId: string,
  timeoutMs: number,
  pollMs = 100,
): Promise<DialOutRecord | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rec = await readDialOut(redis, keys, channelId);
    if (!rec || isFinalDial(rec.status) || Date.now() >= until) return rec;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * On the driving node, for a dial still "ringing" when its waiter gave up: if the PBX no
 * longer has the channel, its end was missed (no server drove while it ended), so it is closed
 * as failed; a channel still up keeps ringing.
 */
export async function verifyDialOut(
  ctx: CallContext,
  channelId: string,
): Promise<DialOutRecord | null> {
  const rec = await readDialOut(ctx.redis, ctx.calls.store.keys, channelId);
  if (!rec || isFinalDial(rec.status)) return rec;
  const channel = await ctx.ari.getChannel(channelId);
  if (channel && !isGone(channel)) return rec;
  return finishDialOut(ctx, channelId, 'failed', null);
}

import { z } from 'zod';
import { CallError } from './errors.js';

/** Tunables of the call layer; every one has a default that suits a small contact centre. */
const Digit = z.string().regex(/^[0-9*#]$/, 'one DTMF digit: 0-9, * or #');
const Sound = z
  .string()
  .regex(/^(sound|tone|recording):[\w/.-]+$/, 'an ARI media URI like sound:cc/x');

export const CallConfigSchema = z.object({
  /** IVR script run for inbound calls. */
  scriptId: z.string().min(1).default('main'),
  /** Where a caller goes when something breaks during the call. */
  fallbackQueueId: z.string().min(1).default('support'),
  /** After the apology: the fallback queue, or back to the dialplan (`continue`). */
  onFailure: z.enum(['queue', 'dialplan']).default('queue'),
  /** Dialplan context an IVR transfer to an endpoint continues in (it dials CC_TRANSFER_TARGET). */
  transferContext: z.string().min(1).default('cc-transfer'),
  /** Queue for callback calls (`callback,<id>`) and campaign calls (`outbound,<campaign>`). */
  callbackQueueId: z.string().min(1).default('support'),
  campaignQueueId: z.string().min(1).default('support'),
  /** Dialplan context that runs AMD() on an answered campaign call (extensions.conf). */
  campaignAmdContext: z.string().min(1).default('campaign-amd'),
  /** How long the CRM caller lookup may take before the call carries on as unknown. */
  lookupBudgetMs: z.number().int().min(1).max(5000).default(200),
  /** Self-service lookups give up after this long (the IVR also times them out). */
  selfServiceTimeoutMs: z.number().int().min(100).max(60_000).default(4000),
  /** Position and estimated-wait announcements while queued. */
  announceFirstAfterMs: z.number().int().min(0).default(15_000),
  announceEveryMs: z.number().int().min(1000).default(30_000),
  /** A key pressed while queued leaves the line for a callback that keeps the caller's place. */
  callbackDigit: Digit.nullable().default('*'),
  mohClass: z.string().min(1).default('default'),
  /** Played to the agent before bridging, e.g. sound:cc/whisper-vip; VIP callers only unless `whisperAll`. */
  whisperVip: Sound.nullable().default('sound:cc/whisper-vip'),
  whisperAll: Sound.nullable().default(null),
  /** What the caller hears when the agent hangs up first. */
  agentHangup: z.enum(['goodbye', 'requeue']).default('goodbye'),
  /** Queues whose calls are never recorded. */
  recordingOptOutQueues: z.array(z.string()).default([]),
  record: z.boolean().default(true),
  sounds: z
    .object({
      apology: Sound.default('sound:cc/sorry-error'),
      goodbye: Sound.default('sound:cc/goodbye'),
      queuePosition: Sound.default('sound:cc/queue-position'),
      queueWait: Sound.default('sound:cc/queue-wait'),
      queueMinutes: Sound.default('sound:cc/queue-minutes'),
      callbackOffer: Sound.default('sound:cc/queue-callback-offer'),
      callbackConfirmed: Sound.default('sound:cc/callback-confirmed'),
      /** Who called and why, for a campaign call no agent could take in time (then hang-up). */
      campaignIdentification: Sound.default('sound:cc/campaign-identification'),
    })
    .prefault({}),
  /** An ended call stays readable in Redis this long. */
  endedTtlMs: z.number().int().min(1000).default(3_600_000),
  /** The lease: one node drives telephony; the others take over after it lapses. */
  leaseTtlMs: z.number().int().min(1000).default(10_000),
  leaseRenewMs: z.number().int().min(100).default(3_000),
});

export type CallConfig = z.output<typeof CallConfigSchema>;
export type CallConfigInput = z.input<typeof CallConfigSchema>;

export function parseCallConfig(input: unknown = {}): CallConfig {
  const parsed = CallConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CallError(
      'invalid_input',
      `telephony option ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

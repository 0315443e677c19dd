import { z } from 'zod';
import { normalisePhone } from '../phone.js';
import { isValidTimeZone } from '../time/zoned-clock.js';
import { parseOrThrow } from '../validation.js';
import type { NewCallbackInput } from './schedule.js';

/** Whether a caller who hung up in the queue is offered (given) an automatic callback. */
export interface AbandonedOfferConfig {
  enabled: boolean;
  /** Hang-ups sooner than this are wrong numbers or changed minds, not lost customers. */
  minWaitMs: number;
  /** Only numbers the CRM knows: an unknown withheld or spoofed number is not worth a line. */
  onlyKnownNumbers: boolean;
  /** A caller who hangs up three times in ten minutes gets one callback, not three. */
  dedupeWindowMinutes: number;
  /** How long after the hang-up the callback stays valid. */
  validForMs: number;
  /** Zone used when the CRM does not know the customer's. */
  defaultTimezone: string;
}

export const abandonedOfferConfigSchema = z.object({
  enabled: z.boolean().default(true),
  minWaitMs: z
    .number()
    .int()
    .min(0)
    .max(60 * 60_000)
    .default(10_000),
  onlyKnownNumbers: z.boolean().default(false),
  dedupeWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(30),
  validForMs: z
    .number()
    .int()
    .min(60_000)
    .max(7 * 24 * 60 * 60_000)
    .default(4 * 60 * 60_000),
  defaultTimezone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
});

export function parseAbandonedOfferConfig(input: unknown): AbandonedOfferConfig {
  return parseOrThrow(
    abandonedOfferConfigSchema,
    input ?? {},
    'invalid_policy',
    'abandoned-call offer config',
  );
}

export interface AbandonedCall {
  /** Telephony's call id; the callback id is derived from it so a replayed event offers once. */
  callId: string;
  /** Caller id as received; null or empty when withheld. */
  callerNumber: string | null;
  queueId: string;
  waitedMs: number;
  abandonedAt: Date;
  /** Whether the CRM has a customer with this number. */
  knownCustomer: boolean;
  /** The customer's zone when the CRM knows it. */
  customerTimezone: string | null;
}

/** A callback already created for a number (any kind), for de-duplication. */
export interface RecentCallback {
  phone: string;
  createdAt: Date;
}

export type AbandonedOfferRefusal =
  'disabled' | 'short_wait' | 'no_caller_id' | 'invalid_number' | 'unknown_number' | 'duplicate';

export type AbandonedOfferDecision =
  { offer: true; callback: NewCallbackInput } | { offer: false; reason: AbandonedOfferRefusal };

export function decideAbandonedOffer(
  call: AbandonedCall,
  recent: readonly RecentCallback[],
  config: AbandonedOfferConfig,
  defaultRegion = 'CN',
): AbandonedOfferDecision {
  if (!config.enabled) return { offer: false, reason: 'disabled' };
  if (call.waitedMs < config.minWaitMs) return { offer: false, reason: 'short_wait' };
  if (!call.callerNumber || call.callerNumber.trim() === '') {
    return { offer: false, reason: 'no_caller_id' };
  }
  const phone = normalisePhone(call.callerNumber, defaultRegion);
  if (!phone.ok) return { offer: false, reason: 'invalid_number' };
  if (config.onlyKnownNumbers && !call.knownCustomer) {
    return { offer: false, reason: 'unknown_number' };
  }
  const since = call.abandonedAt.getTime() - config.dedupeWindowMinutes * 60_000;
  const duplicate = recent.some(
    (r) =>
      r.phone === phone.e164 &&
      r.createdAt.getTime() >= since &&
      r.createdAt.getTime() <= call.abandonedAt.getTime(),
  );
  if (duplicate) return { offer: false, reason: 'duplicate' };
  const timezone =
    call.customerTimezone && isValidTimeZone(call.customerTimezone)
      ? call.customerTimezone
      : config.defaultTimezone;
  return {
    offer: true,
    callback: {
      id: abandonedCallbackId(call.callId),
      kind: 'abandoned',
      phone: phone.e164,
      timezone,
      queueId: call.queueId,
      earliest: call.abandonedAt,
      latest: new Date(call.abandonedAt.getTime() + config.validForMs),
    },
  };
}

/** Asterisk ids look like "1718000000.42"; callback ids allow letters, digits, "-" and "_". */
export function abandonedCallbackId(callId: string): string {
  const safe = callId.replace(/[^A-Za-z0-9_-]/g, '_');
  return `ab-${safe}`.slice(0, 64);
}

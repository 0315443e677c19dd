import { z } from 'zod';
import { OutboundError } from '../errors.js';
import { normalisePhone } from '../phone.js';
import {
  callingHoursSchema,
  DEFAULT_CALLING_HOURS,
  type CallingHours,
} from '../time/calling-hours.js';
import { isValidTimeZone } from '../time/zoned-clock.js';
import { parseOrThrow } from '../validation.js';
import {
  JURISDICTIONS,
  resolveAbandonCap,
  type AbandonCap,
  type Jurisdiction,
} from './abandon-cap.js';

export type DialMode = 'preview' | 'progressive' | 'predictive';

/** Outcomes after which the contact is tried again (when attempts remain). */
export type RetryableOutcome = 'no_answer' | 'busy' | 'machine' | 'abandoned';

export interface Campaign {
  name: string;
  /** The queue (agent group) whose agents take the campaign's calls. */
  queueId: string;
  mode: DialMode;
  /** Read on each contact's own clock. */
  callingHours: CallingHours;
  /** Dials per contact, the first one included. */
  maxAttempts: number;
  retryDelayMinutes: Record<RetryableOutcome, number>;
  /** E.164 number presented to the called person. */
  callerId: string;
  jurisdiction: Jurisdiction;
  abandonCap: AbandonCap;
  /** Zone of contacts whose list row gives none. */
  defaultTimezone: string;
  /** Answering-machine detection in the dialplan (AMD()); machines are dispositioned. */
  amd: boolean;
  /** How long a live answer may wait for an agent before it counts as abandoned. */
  maxConnectDelayMs: number;
  /** Ring time before a dial counts as no answer. */
  dialTimeoutSeconds: number;
  /** Upper bound on lines per agent in predictive mode, whatever the measured rates say. */
  maxLinesPerAgent: number;
}

const DEFAULT_RETRY_MINUTES: Record<RetryableOutcome, number> = {
  no_answer: 120,
  busy: 15,
  machine: 240,
  abandoned: 60,
};

const minutes = z
  .number()
  .int()
  .min(1)
  .max(30 * 24 * 60);

/** The definition as the API receives it (defaults not yet filled); parseCampaign applies it. */
export const campaignInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120, 'is longer than 120 characters'),
  queueId: z.string().trim().min(1, 'is required'),
  mode: z.enum(['preview', 'progressive', 'predictive']),
  callingHours: callingHoursSchema.default(DEFAULT_CALLING_HOURS),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  retryDelayMinutes: z
    .object({
      no_answer: minutes.default(DEFAULT_RETRY_MINUTES.no_answer),
      busy: minutes.default(DEFAULT_RETRY_MINUTES.busy),
      machine: minutes.default(DEFAULT_RETRY_MINUTES.machine),
      abandoned: minutes.default(DEFAULT_RETRY_MINUTES.abandoned),
    })
    .default(DEFAULT_RETRY_MINUTES),
  callerId: z.string().min(1, 'is required'),
  jurisdiction: z.enum(JURISDICTIONS as [Jurisdiction, ...Jurisdiction[]]).default('default'),
  abandonCap: z
    .object({
      maxRate: z.number().gt(0).max(0.5).optional(),
      windowDays: z.number().int().min(1).max(90).optional(),
    })
    .default({}),
  defaultTimezone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  amd: z.boolean().default(true),
  maxConnectDelayMs: z.number().int().min(0).max(10_000).default(2_000),
  dialTimeoutSeconds: z.number().int().min(5).max(120).default(25),
  maxLinesPerAgent: z.number().min(1).max(20).default(6),
});

/** Validates a campaign definition from the API; the caller id is normalised to E.164. */
export function parseCampaign(input: unknown, defaultRegion = 'CN'): Campaign {
  const v = parseOrThrow(campaignInputSchema, input, 'invalid_campaign', 'campaign');
  const callerId = normalisePhone(v.callerId, defaultRegion);
  if (!callerId.ok) {
    throw new OutboundError('invalid_campaign', `invalid campaign: callerId: ${callerId.reason}`, {
      issues: [{ path: 'callerId', message: callerId.reason }],
    });
  }
  const { abandonCap, ...rest } = v;
  return {
    ...rest,
    callerId: callerId.e164,
    abandonCap: resolveAbandonCap(v.jurisdiction, abandonCap),
  };
}

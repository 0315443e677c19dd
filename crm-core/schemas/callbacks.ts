import { z } from 'zod';
import { CALLBACK_STATUSES } from '../workflow.js';
import { CallId } from './interactions.js';
import { Cursor, Id, Limit, RequiredText, Text, TimeZone, Timestamp, listOf } from './common.js';

export const CALLBACK_ORIGINS = ['ivr', 'agent', 'abandoned', 'campaign'] as const;
export const ATTEMPT_OUTCOMES = ['answered', 'no_answer', 'busy', 'failed', 'voicemail'] as const;

export const QueueName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." and "-" (at most 64)');

export const CallbackCreateInput = z
  .object({
    phone: RequiredText(40),
    customerId: Id.nullable().optional(),
    origin: z.enum(CALLBACK_ORIGINS),
    /** Default: now. */
    earliest: Timestamp.optional(),
    /** Default: earliest plus the customer tier's callback deadline. */
    latest: Timestamp.optional(),
    timezone: TimeZone.default('Asia/Shanghai'),
    queue: QueueName,
    notes: Text(2000).default(''),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    interactionId: Id.nullable().optional(),
  })
  .refine((v) => !v.earliest || !v.latest || v.latest > v.earliest, {
    message: 'latest must be after earliest',
    path: ['latest'],
  });
export type CallbackCreateInput = z.input<typeof CallbackCreateInput>;

export const CallbackListQuery = z.object({
  status: listOf(z.enum(CALLBACK_STATUSES)).optional(),
  customerId: Id.optional(),
  queue: QueueName.optional(),
  origin: z.enum(CALLBACK_ORIGINS).optional(),
  /** Exact number, as stored (E.164). */
  phone: z.string().trim().max(40).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type CallbackListQuery = z.input<typeof CallbackListQuery>;

export const AttemptInput = z.object({
  outcome: z.enum(ATTEMPT_OUTCOMES),
  callId: CallId.optional(),
  agentId: Id.nullable().optional(),
  notes: Text(1000).optional(),
});
export type AttemptInput = z.input<typeof AttemptInput>;

export const CancelInput = z.object({ reason: Text(500).optional() });

/**
 * Validation of everything a console sends, over Socket.IO or HTTP. Each schema is annotated with
 * the contract type, so the two cannot drift apart.
 */
import { z } from 'zod';
import type {
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintStatus,
  Disposition,
  MonitorInput,
  PauseReason,
  RecordingInput,
  SettableAgentState,
  SupervisorAgentInput,
  TransferInput,
  CallRef,
  WrapUpSubmission,
} from '../contracts/index.js';

const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[\w.:@-]+$/, 'may hold only letters, digits and . : @ _ -');

export const PAUSE_REASONS = [
  'break',
  'lunch',
  'meeting',
  'training',
  'coaching',
  'other',
] as const;
const pauseReason: z.ZodType<PauseReason> = z.enum(PAUSE_REASONS);

export const settableStateSchema: z.ZodType<SettableAgentState> = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('available') }),
  z.strictObject({ state: z.literal('paused'), reason: pauseReason }),
  z.strictObject({ state: z.literal('logged_out') }),
]);

export const callRefSchema: z.ZodType<CallRef> = z.strictObject({ callId: id });

export const transferSchema: z.ZodType<TransferInput> = z.strictObject({
  callId: id,
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('queue'), queueId: id }),
    z.strictObject({ kind: z.literal('agent'), agentId: id }),
  ]),
});

export const recordingSchema: z.ZodType<RecordingInput> = z.strictObject({
  callId: id,
  action: z.enum(['pause', 'resume']),
});

export const supervisorAgentSchema: z.ZodType<SupervisorAgentInput> = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ agentId: id, action: z.literal('force_pause'), reason: pauseReason }),
    z.strictObject({ agentId: id, action: z.literal('force_logout') }),
  ],
);

export const monitorSchema: z.ZodType<MonitorInput> = z.strictObject({
  callId: id,
  mode: z.enum(['listen', 'whisper', 'barge']),
});

export const emptySchema: z.ZodType<Record<string, never>> = z.strictObject({});

const DISPOSITIONS = [
  'resolved',
  'follow_up',
  'escalated',
  'information',
  'sale',
  'wrong_number',
  'no_action',
] as const satisfies readonly Disposition[];
/** A CRM complaint category code; the CRM says whether it exists. */
const category: z.ZodType<ComplaintCategory> = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a category code (lower-case letters, digits and _)');
const SEVERITIES = [
  'low',
  'medium',
  'high',
  'critical',
] as const satisfies readonly ComplaintSeverity[];
const STATUSES = [
  'open',
  'in_progress',
  'resolved',
  'closed',
] as const satisfies readonly ComplaintStatus[];

export const complaintKindSchema = z.strictObject({
  category,
  severity: z.enum(SEVERITIES),
  /** The call being wrapped up: its customer's tier counts. */
  callId: id.optional(),
});

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time' });
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{3,20}$/, 'must be a phone number of 3 to 20 digits');

const MAX_RECORDING_RANGE_MS = 31 * 24 * 3_600_000;

export const recordingSearchSchema = z
  .strictObject({
    from: isoTime,
    to: isoTime,
    q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  })
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), {
    message: 'to must be after from',
    path: ['to'],
  })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RECORDING_RANGE_MS, {
    message: 'at most 31 days',
    path: ['to'],
  });

export const wrapUpSchema: z.ZodType<WrapUpSubmission> = z.strictObject({
  callId: id,
  disposition: z.enum(DISPOSITIONS),
  notes: text(4000),
  complaint: z
    .discriminatedUnion('mode', [
      z.strictObject({
        mode: z.literal('create'),
        category,
        severity: z.enum(SEVERITIES),
        summary: text(2000).trim().min(1, 'must say what the complaint is about'),
      }),
      z.strictObject({
        mode: z.literal('update'),
        complaintId: id,
        status: z.enum(STATUSES),
        note: text(2000),
      }),
    ])
    .nullable(),
  callback: z
    .strictObject({
      windowStart: isoTime,
      windowEnd: isoTime,
      phone: phone.nullable(),
      note: text(500).nullable(),
    })
    .refine((c) => Date.parse(c.windowEnd) > Date.parse(c.windowStart), {
      message: 'windowEnd must be after windowStart',
      path: ['windowEnd'],
    })
    .nullable(),
  next: settableStateSchema.nullable(),
});

/** One line naming each wrong field, e.g. `callId: must not be empty; mode: Invalid option`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

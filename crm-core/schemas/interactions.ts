import { z } from 'zod';
import { Id, RequiredText, Text, Timestamp } from './common.js';

export const INTERACTION_KINDS = [
  'inbound_call',
  'outbound_call',
  'callback',
  'campaign_call',
  'note',
] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;

export const CallId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\w.:@-]+$/, 'letters, digits and . : @ - _ only');

const Seconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);

export const RecordingPauseInput = z.object({
  /** Seconds from the start of the recording. */
  offsetSeconds: z.number().min(0),
  durationSeconds: z.number().min(0),
});

export const RecordingSegmentInput = z.object({
  name: RequiredText(255),
  durationSeconds: Seconds.nullable().optional(),
  pauses: z.array(RecordingPauseInput).max(500).default([]),
});

/**
 * A call's recording: the first (or only) file's name, length and pauses, and, for a call
 * bridged more than once, every file in order in `segments` (the first one included).
 */
export const RecordingRefInput = RecordingSegmentInput.extend({
  segments: z.array(RecordingSegmentInput).max(50).optional(),
});

/** Every field optional: a call's row is filled in step by step as the call goes on. */
export const InteractionPatch = z
  .object({
    kind: z.enum(INTERACTION_KINDS),
    direction: z.enum(DIRECTIONS),
    customerId: Id.nullable(),
    callerNumber: Text(40).nullable(),
    agentId: Id.nullable(),
    queue: Text(64).nullable(),
    ivrPath: z.array(z.json()).max(200),
    arrivedAt: Timestamp,
    queuedAt: Timestamp.nullable(),
    offeredAt: Timestamp.nullable(),
    answeredAt: Timestamp.nullable(),
    endedAt: Timestamp.nullable(),
    waitSeconds: Seconds.nullable(),
    talkSeconds: Seconds.nullable(),
    wrapupSeconds: Seconds.nullable(),
    disposition: Text(64).nullable(),
    notes: Text(4000).nullable(),
    recording: RecordingRefInput.nullable(),
    abandoned: z.boolean(),
  })
  .partial()
  .strict();
export type InteractionPatch = z.input<typeof InteractionPatch>;

export const NoteInput = z.object({
  customerId: Id,
  agentId: Id.nullable().optional(),
  notes: RequiredText(4000),
});
export type NoteInput = z.input<typeof NoteInput>;

import { z } from 'zod';
import { bridgeSchema, channelSchema, liveRecordingSchema, playbackSchema } from './types.js';

/**
 * The ARI events the port delivers, validated. Every event keeps ARI's own field names plus
 * `timestamp` and `application`. Events of other types arrive as `{ type: 'Other' }` so a
 * handler can log them; they are never silently dropped.
 */
const base = { timestamp: z.string(), application: z.string(), asterisk_id: z.string().optional() };
function withChannel<T extends string>(
  type: T,
): z.ZodObject<{ type: z.ZodLiteral<T> } & typeof base & { channel: typeof channelSchema }>;
function withChannel<T extends string, S extends z.ZodRawShape>(
  type: T,
  extra: S,
): z.ZodObject<{ type: z.ZodLiteral<T> } & typeof base & { channel: typeof channelSchema } & S>;
function withChannel(type: string, extra: z.ZodRawShape = {}) {
  return z.object({ type: z.literal(type), ...base, channel: channelSchema, ...extra });
}

const schemas = [
  withChannel('StasisStart', {
    args: z.array(z.string()),
    replace_channel: channelSchema.optional(),
  }),
  withChannel('StasisEnd'),
  withChannel('ChannelStateChange'),
  withChannel('ChannelDtmfReceived', { digit: z.string(), duration_ms: z.number() }),
  withChannel('ChannelHangupRequest', {
    cause: z.number().optional(),
    soft: z.boolean().optional(),
  }),
  withChannel('ChannelDestroyed', { cause: z.number(), cause_txt: z.string() }),
  withChannel('ChannelDialplan', { dialplan_app: z.string(), dialplan_app_data: z.string() }),
  withChannel('ChannelCallerId', {
    caller_presentation: z.number(),
    caller_presentation_txt: z.string(),
  }),
  withChannel('ChannelConnectedLine'),
  withChannel('ChannelHold', { musicclass: z.string().optional() }),
  withChannel('ChannelUnhold'),
  z.object({
    type: z.literal('ChannelVarset'),
    ...base,
    variable: z.string(),
    value: z.string(),
    channel: channelSchema.optional(),
  }),
  z.object({
    type: z.literal('ChannelEnteredBridge'),
    ...base,
    bridge: bridgeSchema,
    channel: channelSchema.optional(),
  }),
  z.object({
    type: z.literal('ChannelLeftBridge'),
    ...base,
    bridge: bridgeSchema,
    channel: channelSchema,
  }),
  z.object({ type: z.literal('BridgeCreated'), ...base, bridge: bridgeSchema }),
  z.object({ type: z.literal('BridgeDestroyed'), ...base, bridge: bridgeSchema }),
  z.object({
    type: z.literal('Dial'),
    ...base,
    dialstatus: z.string(),
    dialstring: z.string().optional(),
    forward: z.string().optional(),
    caller: channelSchema.optional(),
    peer: channelSchema,
  }),
  z.object({ type: z.literal('PlaybackStarted'), ...base, playback: playbackSchema }),
  z.object({ type: z.literal('PlaybackContinuing'), ...base, playback: playbackSchema }),
  z.object({ type: z.literal('PlaybackFinished'), ...base, playback: playbackSchema }),
  z.object({ type: z.literal('RecordingStarted'), ...base, recording: liveRecordingSchema }),
  z.object({ type: z.literal('RecordingFinished'), ...base, recording: liveRecordingSchema }),
  z.object({ type: z.literal('RecordingFailed'), ...base, recording: liveRecordingSchema }),
  z.object({ type: z.literal('ApplicationReplaced'), ...base }),
] as const;

const eventSchema = z.discriminatedUnion('type', schemas);

export type KnownAriEvent = z.infer<typeof eventSchema>;
export type OtherAriEvent = { type: 'Other'; eventType: string; raw: Record<string, unknown> };
export type AriEvent = KnownAriEvent | OtherAriEvent;
export type AriEventType = AriEvent['type'];
export type AriEventOf<T extends AriEventType> = Extract<AriEvent, { type: T }>;

const KNOWN = new Set<string>(schemas.map((s) => s.shape.type.value));

export class AriEventShapeError extends Error {
  constructor(
    readonly eventType: string,
    detail: string,
  ) {
    super(`ARI event ${eventType} has an unexpected shape: ${detail}`);
    this.name = 'AriEventShapeError';
  }
}

/** Validates one raw event from the WebSocket. Throws AriEventShapeError for a malformed known event. */
export function parseAriEvent(raw: unknown): AriEvent {
  if (!raw || typeof raw !== 'object' || typeof (raw as { type?: unknown }).type !== 'string') {
    throw new AriEventShapeError('(none)', 'no "type" field');
  }
  const type = (raw as { type: string }).type;
  if (!KNOWN.has(type))
    return { type: 'Other', eventType: type, raw: raw as Record<string, unknown> };
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AriEventShapeError(
      type,
      `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}

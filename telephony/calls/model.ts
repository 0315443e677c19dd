import type { IvrCommand, IvrState } from '../../ivr-scripts/index.js';

/**
 * One call as it is kept in Redis. Everything a server needs to carry on with a call after a
 * restart is here: the interpreter's state, bridge and channel ids, the recording, the timers'
 * deadlines. It is plain JSON; times are epoch milliseconds of the telephony clock.
 */
export const CALL_STATES = ['ivr', 'queued', 'offering', 'connected', 'wrap_up', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** The ACD's why of an offer as data (routing's `OfferExplanation`); this layer only carries it. */
export type OfferExplanation = unknown;

export type CallOrigin =
  | { kind: 'inbound' }
  | { kind: 'callback'; callbackId: string }
  | { kind: 'outbound'; campaignId: string; contactId: string | null };

/** What the CRM knew about the caller on arrival; travels with the call to the screen pop. */
export interface CallerProfile {
  customerId: string | null;
  name: string | null;
  vip: boolean;
  tier: string | null;
  language: string | null;
  preferredAgentId: string | null;
  lastAgentId: string | null;
  /** When `lastAgentId` last served this customer (ms). */
  lastServedAt: number | null;
  /** The customer's service strategy says: do not record. */
  recordingOptOut: boolean;
  /** The CRM's screen-pop record, opaque here: the console adapter reads it. */
  pop: unknown;
}

export type LookupStatus = 'found' | 'unknown' | 'slow' | 'failed';

export type PlayCommand = Extract<IvrCommand, { type: 'play' }>;
export type LookupCommand = Extract<IvrCommand, { type: 'lookup' }>;

export interface IvrPart {
  scriptId: string;
  state: IvrState;
  /** The prompt being played, to play it again when a restarted server adopts the call. */
  lastPlay: PlayCommand | null;
  /** The lookup being waited for, to ask again after a restart. */
  lastLookup: LookupCommand | null;
  /** Replayed playback id → the id the interpreter waits for. */
  aliases: Record<string, string>;
}

export interface QueuePart {
  queueId: string;
  skills: Record<string, number>;
  priority: number;
  enqueuedAt: number;
  holdBridgeId: string;
  /** Set while the caller hears the callback confirmation before hanging up. */
  leaving: 'callback' | 'exit' | null;
  announcements: number;
  /** An agent asked for by a transfer; the ACD prefers them. */
  preferredAgentId: string | null;
  /** After the callback key: confirming the number to call, or typing another. */
  callbackEntry?: CallbackEntry | null;
}

export interface CallbackEntry {
  stage: 'confirm' | 'typing';
  /** The number read back for confirmation (the caller id, or what was typed). */
  number: string | null;
  /** Digits typed so far (never logged). */
  typed: string;
}

export interface OfferPart {
  agentId: string;
  attempt: number;
  reason: string;
  deadline: number;
  channelId: string;
  offeredAt: number;
  /** The agent's leg entered Stasis (picked up); bridging follows, after an optional whisper. */
  answeredAt: number | null;
  whisperPlaybackId: string | null;
}

export interface AgentPart {
  agentId: string;
  channelId: string;
  bridgeId: string;
  connectedAt: number;
}

export interface RecordingPause {
  /** Where the gap is in the stored file, in seconds from its start. */
  offsetSeconds: number;
  durationSeconds: number;
}

export interface RecordingPart {
  name: string;
  state: 'recording' | 'paused' | 'stopped';
  startedAt: number;
  pausedAt: number | null;
  pausedBy: 'agent' | 'ivr' | null;
  /** Paused time so far, to place later pauses in the file's own time. */
  pausedMs: number;
  pauses: RecordingPause[];
  /** From RecordingFinished. */
  durationSeconds: number | null;
  /**
   * The call's earlier files, in order, when it was bridged more than once (a transfer, a
   * requeue): each bridge is recorded to a file of its own. Absent in records from before.
   */
  earlier?: RecordingSegment[];
}

export interface RecordingSegment {
  name: string;
  durationSeconds: number | null;
  pauses: RecordingPause[];
  /** Its RecordingFinished arrived (it may come after the next segment started). */
  finished: boolean;
}

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export interface MonitorPart {
  supervisorId: string;
  mode: MonitorMode;
  /** The supervisor's phone leg. */
  channelId: string;
  /** The snoop channel (listen, whisper); null for barge. */
  snoopChannelId: string | null;
  /** The bridge joining the supervisor to the snoop channel (listen, whisper). */
  bridgeId: string | null;
  answered: boolean;
  startedAt: number;
  endedAt: number | null;
}

export type EndedBy = 'caller' | 'agent' | 'system' | 'transfer' | 'callback' | 'dialplan';

export interface CallTimes {
  arrivedAt: number;
  queuedAt: number | null;
  offeredAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
}

export interface IvrPathEntry {
  node: string;
  kind: string;
  input: string | null;
  at: number;
}

export interface CallRecord {
  id: string;
  state: CallState;
  origin: CallOrigin;
  /** The caller's channel (its id is the call id for inbound calls). */
  channelId: string;
  callerNumber: string | null;
  callerName: string | null;
  caller: CallerProfile | null;
  lookup: LookupStatus;
  language: string;
  ivr: IvrPart | null;
  queue: QueuePart | null;
  offer: OfferPart | null;
  agent: AgentPart | null;
  /** The agent who last handled the call (kept through wrap-up for the console). */
  lastAgentId: string | null;
  /** Why the ACD chose that agent, for the console. */
  routingReason: string | null;
  /** The same as data (the offer's `explanation`); absent from records stored before it. */
  routingExplanation?: OfferExplanation;
  recording: RecordingPart | null;
  /** The last prompt before the line closes; its end hangs the caller up. */
  goodbyePlaybackId: string | null;
  /** Recording is held off: the IVR paused it before any recording started. */
  recordingHeld: boolean;
  monitors: Record<string, MonitorPart>;
  /** Timer id → deadline (ms); re-armed from here after a restart. */
  timers: Record<string, number>;
  times: CallTimes;
  ivrPath: IvrPathEntry[];
  endedBy: EndedBy | null;
  endReason: string | null;
  abandoned: boolean;
  wrapUpSeconds: number | null;
  failures: number;
  /** Counter behind ids this layer makes for the call (playbacks, legs). */
  seq: number;
}

/** Where a channel belongs, kept in Redis beside the call. */
/** `dialout`: a channel the outbound workers dialled, until it answers (then it is a caller). */
export type ChannelRole = 'caller' | 'agent' | 'snoop' | 'supervisor' | 'recording' | 'dialout';

export interface ChannelLink {
  callId: string;
  role: ChannelRole;
  /** For snoop and supervisor legs. */
  monitorId?: string;
}

/** Every channel the call has or had a link for. */
export function channelsOf(rec: CallRecord): string[] {
  const out = new Set<string>([rec.channelId]);
  if (rec.offer) out.add(rec.offer.channelId);
  if (rec.agent) out.add(rec.agent.channelId);
  if (rec.recording) {
    for (const s of rec.recording.earlier ?? []) out.add(`rec:${s.name}`);
    out.add(`rec:${rec.recording.name}`);
  }
  for (const m of Object.values(rec.monitors)) {
    out.add(m.channelId);
    if (m.snoopChannelId) out.add(m.snoopChannelId);
  }
  return [...out];
}

import type { RecordingState } from './events.js';
import { recordingState } from './handlers/recording.js';
import type { CallOrigin, CallRecord, CallerProfile, OfferExplanation } from './model.js';

/** A call as an agent's console shows it: the screen pop's facts plus where the call is. */
export interface LiveCallView {
  callId: string;
  agentId: string;
  phase: 'ringing' | 'connected' | 'wrap_up';
  callerNumber: string | null;
  caller: CallerProfile | null;
  origin: CallOrigin;
  queueId: string | null;
  language: string;
  ivrPath: { node: string; kind: string; input: string | null }[];
  waitSeconds: number;
  routingReason: string | null;
  /** The ACD's why as data (opaque here); null when none (no offer, an older record). */
  routingExplanation: OfferExplanation;
  offeredAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
  wrapUpSeconds: number | null;
  recording: RecordingState;
}

/** The agent's view of a stored call, or null when the call is not (or no longer) theirs. */
export function liveCallView(rec: CallRecord, agentId: string, now: number): LiveCallView | null {
  let phase: LiveCallView['phase'];
  if (rec.state === 'offering' && rec.offer?.agentId === agentId) phase = 'ringing';
  else if (rec.state === 'connected' && rec.agent?.agentId === agentId) phase = 'connected';
  else if (rec.state === 'wrap_up' && rec.lastAgentId === agentId) phase = 'wrap_up';
  else return null;
  const waitFrom = rec.queue?.enqueuedAt ?? rec.times.queuedAt ?? rec.times.arrivedAt;
  const waitTo = rec.times.answeredAt ?? now;
  return {
    callId: rec.id,
    agentId,
    phase,
    callerNumber: rec.callerNumber,
    caller: rec.caller,
    origin: rec.origin,
    queueId: rec.queue?.queueId ?? null,
    language: rec.language,
    ivrPath: rec.ivrPath.map(({ node, kind, input }) => ({ node, kind, input })),
    waitSeconds: Math.max(0, Math.round((waitTo - waitFrom) / 1000)),
    routingReason: rec.routingReason,
    routingExplanation: rec.routingExplanation ?? null,
    offeredAt: rec.offer?.offeredAt ?? rec.times.offeredAt,
    connectedAt: rec.agent?.connectedAt ?? rec.times.answeredAt,
    endedAt: rec.state === 'wrap_up' ? rec.times.endedAt : null,
    wrapUpSeconds: rec.wrapUpSeconds,
    recording: recordingState(rec),
  };
}

import type { CallRecord } from '../../../../telephony/calls/model.js';

/** A call record in the given state, with the parts that state implies. */
export function record(state: CallRecord['state'], over: Partial<CallRecord> = {}): CallRecord {
  const base: CallRecord = {
    id: '1795388288.20',
    state,
    origin: { kind: 'inbound' },
    channelId: '1795388288.20',
    callerNumber: '+8613800138000',
    callerName: null,
    caller: null,
    lookup: 'unknown',
    language: 'zh-CN',
    ivr: null,
    queue: null,
    offer: null,
    agent: null,
    lastAgentId: null,
    routingReason: null,
    recording: null,
    goodbyePlaybackId: null,
    recordingHeld: false,
    monitors: {},
    timers: {},
    times: { arrivedAt: 1_000, queuedAt: null, offeredAt: null, answeredAt: null, endedAt: null },
    ivrPath: [],
    endedBy: null,
    endReason: null,
    abandoned: false,
    wrapUpSeconds: null,
    failures: 0,
    seq: 0,
  };
  return { ...base, ...over };
}

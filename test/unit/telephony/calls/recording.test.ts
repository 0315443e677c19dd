import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../../telephony/calls/context.js';
import { parseCallConfig } from '../../../../telephony/calls/config.js';
import { Draft } from '../../../../telephony/calls/draft.js';
import {
  recordingState,
  rowRecording,
  setRecording,
  startRecording,
} from '../../../../telephony/calls/handlers/recording.js';
import {
  channelsOf,
  type CallerProfile,
  type CallRecord,
} from '../../../../telephony/calls/model.js';
import { record } from './fixtures.js';

/** Only what the recording handlers read: the clock and the options. */
function ctx(now: { t: number }, options: object = {}): CallContext {
  return {
    clock: { now: () => now.t, setTimer: () => ({ cancel: () => undefined }) },
    config: parseCallConfig(options),
  } as unknown as CallContext;
}

function connected(over: Partial<CallRecord> = {}): CallRecord {
  return record('connected', {
    agent: { agentId: '7', channelId: 'agent-1-x', bridgeId: 'mix-2-x', connectedAt: 0 },
    queue: {
      queueId: 'billing',
      skills: {},
      priority: 0,
      enqueuedAt: 0,
      holdBridgeId: 'hold-1-x',
      leaving: null,
      announcements: 0,
      preferredAgentId: null,
    },
    ...over,
  });
}

const optOutCaller: CallerProfile = {
  customerId: '1',
  name: 'x',
  vip: false,
  tier: 'standard',
  language: 'zh-CN',
  preferredAgentId: null,
  lastAgentId: null,
  lastServedAt: null,
  recordingOptOut: true,
  pop: null,
};

describe('recording', () => {
  it('starts on the mixing bridge, named after the call', () => {
    const now = { t: 10_000 };
    const d = new Draft(connected());
    startRecording(ctx(now), d);
    expect(d.rec.recording).toMatchObject({
      name: '1795388288.20',
      state: 'recording',
      startedAt: 10_000,
    });
    expect(d.effects).toHaveLength(1);
    expect(d.ix.link).toEqual([
      ['rec:1795388288.20', { callId: '1795388288.20', role: 'recording' }],
    ]);
    expect(d.events[0]).toMatchObject({ type: 'recording', state: 'recording', agentId: '7' });
  });

  it('is not started when the customer or the queue opted out, or recording is off', () => {
    for (const [rec, opts] of [
      [connected({ caller: optOutCaller }), {}],
      [connected(), { recordingOptOutQueues: ['billing'] }],
      [connected(), { record: false }],
    ] as const) {
      const d = new Draft(structuredClone(rec));
      startRecording(ctx({ t: 0 }, opts), d);
      expect(d.rec.recording).toBeNull();
      expect(d.effects).toHaveLength(0);
      expect(recordingState(d.rec)).toBe('off');
    }
  });

  it('places each pause in the file’s own time and adds up its length', () => {
    const now = { t: 0 };
    const c = ctx(now);
    const d = new Draft(connected());
    startRecording(c, d);
    now.t = 4_000;
    expect(setRecording(c, d, 'pause', 'agent')).toBe(true);
    expect(recordingState(d.rec)).toBe('paused');
    now.t = 10_000;
    expect(setRecording(c, d, 'resume', 'agent')).toBe(true);
    now.t = 15_000;
    setRecording(c, d, 'pause', 'agent');
    now.t = 17_500;
    setRecording(c, d, 'resume', 'agent');
    // The second pause starts 15 s into the call, but 9 s into the file (6 s were paused before).
    expect(d.rec.recording?.pauses).toEqual([
      { offsetSeconds: 4, durationSeconds: 6 },
      { offsetSeconds: 9, durationSeconds: 2.5 },
    ]);
    expect(d.rec.recording?.pausedMs).toBe(8_500);
  });

  it('a pause while paused, or a resume while recording, changes nothing', () => {
    const c = ctx({ t: 0 });
    const d = new Draft(connected());
    startRecording(c, d);
    expect(setRecording(c, d, 'resume', 'agent')).toBe(false);
    setRecording(c, d, 'pause', 'agent');
    expect(setRecording(c, d, 'pause', 'agent')).toBe(false);
  });

  it('a pause from the IVR before any recording holds the recording off until resumed', () => {
    const now = { t: 0 };
    const c = ctx(now);
    const inIvr = new Draft(record('ivr'));
    expect(setRecording(c, inIvr, 'pause', 'ivr')).toBe(true);
    expect(inIvr.rec.recordingHeld).toBe(true);
    const d = new Draft(connected({ recordingHeld: true }));
    startRecording(c, d);
    expect(d.rec.recording).toMatchObject({ state: 'paused', pausedBy: 'ivr' });
    now.t = 3_000;
    expect(setRecording(c, d, 'resume', 'ivr')).toBe(true);
    expect(d.rec.recordingHeld).toBe(false);
    expect(d.rec.recording?.pauses).toEqual([{ offsetSeconds: 0, durationSeconds: 3 }]);
  });

  it('a call bridged again records a new file and keeps the earlier ones for the row', () => {
    const now = { t: 0 };
    const c = ctx(now);
    const d = new Draft(connected());
    startRecording(c, d);
    now.t = 4_000;
    setRecording(c, d, 'pause', 'agent');
    // Transferred while paused: the next bridge starts before the first file's end is known.
    now.t = 9_000;
    d.rec.seq = 6;
    startRecording(c, d);
    const r = d.rec.recording!;
    expect(r).toMatchObject({ name: '1795388288.20-6', state: 'recording', startedAt: 9_000 });
    expect(r.earlier).toEqual([
      {
        name: '1795388288.20',
        durationSeconds: null,
        pauses: [{ offsetSeconds: 4, durationSeconds: 5 }],
        finished: false,
      },
    ]);
    expect(rowRecording(r)).toEqual({
      name: '1795388288.20',
      durationSeconds: null,
      pauses: [{ offsetSeconds: 4, durationSeconds: 5 }],
      segments: [
        {
          name: '1795388288.20',
          durationSeconds: null,
          pauses: [{ offsetSeconds: 4, durationSeconds: 5 }],
        },
        { name: '1795388288.20-6', durationSeconds: null, pauses: [] },
      ],
    });
    // Both files' links go when the call ends.
    expect(channelsOf(d.rec)).toEqual(
      expect.arrayContaining(['rec:1795388288.20', 'rec:1795388288.20-6']),
    );
  });

  it("an agent's resume releases a hold the IVR left, so a later bridge records from the start", () => {
    const c = ctx({ t: 0 });
    const d = new Draft(connected({ recordingHeld: true }));
    startRecording(c, d);
    expect(d.rec.recording).toMatchObject({ state: 'paused', pausedBy: 'ivr' });
    setRecording(c, d, 'resume', 'agent');
    expect(d.rec.recordingHeld).toBe(false);
    startRecording(c, d);
    expect(d.rec.recording?.state).toBe('recording');
  });
});

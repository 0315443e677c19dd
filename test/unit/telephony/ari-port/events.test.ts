import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AriEventShapeError, parseAriEvent } from '../../../../telephony/ari/events.js';

const trace = readFileSync(
  new URL('../../../fixtures/ari-trace/inbound-call.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { kind: string; event?: Record<string, unknown> });

describe('parsing ARI events', () => {
  it('accepts every event Asterisk 22 sent in the recorded call as a known, typed event', () => {
    const events = trace.filter((l) => l.kind === 'event').map((l) => l.event!);
    expect(events).toHaveLength(60);
    for (const raw of events) {
      const e = parseAriEvent(raw);
      expect(e.type, String(raw.type)).toBe(raw.type);
    }
    const start = parseAriEvent(events[0]);
    expect(start).toMatchObject({
      type: 'StasisStart',
      args: [],
      application: 'contact-center',
      channel: { id: '1795388288.20', caller: { name: 'Li Wei', number: '+8613800138000' } },
    });
  });

  it('passes an event type it does not model through as Other, and rejects a malformed known one', () => {
    expect(parseAriEvent({ type: 'ChannelTalkingStarted', channel: {} })).toEqual({
      type: 'Other',
      eventType: 'ChannelTalkingStarted',
      raw: { type: 'ChannelTalkingStarted', channel: {} },
    });
    expect(() =>
      parseAriEvent({ type: 'StasisStart', timestamp: 't', application: 'a', args: [] }),
    ).toThrow(AriEventShapeError);
    expect(() => parseAriEvent('nonsense')).toThrow(/no "type" field/);
  });
});

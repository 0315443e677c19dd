import { describe, expect, it } from 'vitest';
import { CallState } from '../../../agent-ui/src/lib/call.svelte.js';
import { Clock } from '../../../agent-ui/src/lib/clock.svelte.js';
import { FakeTransport, ok, refuse } from './support/fake-transport.js';
import { T0, at, pop } from './support/fixtures.js';

function setup() {
  const transport = new FakeTransport();
  const clock = new Clock(() => T0);
  return { transport, clock, call: new CallState(transport, clock) };
}

describe('CallState', () => {
  it('counts the caller’s wait while ringing and the talk time once connected', () => {
    const { call, clock } = setup();
    call.offered(pop('c1', { waitSeconds: 30, offeredAt: at(0) }));
    clock.set(T0 + 4000);
    expect(call.phase).toBe('ringing');
    expect(call.ringingSeconds).toBe(34);

    call.connected({ callId: 'c1', agentId: 'a1', connectedAt: at(5), recording: 'recording' });
    clock.set(T0 + 65_000);
    expect(call.talkSeconds).toBe(60);
  });

  it('moves to wrap-up with a countdown when the caller hangs up', () => {
    const { call, clock } = setup();
    call.offered(pop('c1'));
    call.connected({ callId: 'c1', agentId: 'a1', connectedAt: at(0), recording: 'recording' });
    call.ended({
      callId: 'c1',
      agentId: 'a1',
      endedAt: at(100),
      endedBy: 'caller',
      missed: false,
      wrapUpSeconds: 60,
    });
    clock.set(T0 + 115_000);
    expect(call.phase).toBe('wrap_up');
    expect(call.wrapUpRemaining).toBe(45);
    expect(call.recording).toBe('off');
    clock.set(T0 + 400_000);
    expect(call.wrapUpRemaining).toBe(0);
  });

  it('clears a missed offer without a wrap-up', () => {
    const { call } = setup();
    call.offered(pop('c1'));
    call.ended({
      callId: 'c1',
      agentId: 'a1',
      endedAt: at(20),
      endedBy: 'caller',
      missed: true,
      wrapUpSeconds: 0,
    });
    expect(call.phase).toBe('idle');
    expect(call.pop).toBeNull();
  });

  it('ignores events of another call', () => {
    const { call } = setup();
    call.offered(pop('c2'));
    call.connected({ callId: 'old', agentId: 'a1', connectedAt: at(0), recording: 'recording' });
    expect(call.phase).toBe('ringing');
  });

  it('keeps a wrap-up on screen when the server has forgotten the call', () => {
    const { call } = setup();
    call.offered(pop('c1'));
    call.connected({ callId: 'c1', agentId: 'a1', connectedAt: at(0), recording: 'off' });
    call.ended({
      callId: 'c1',
      agentId: 'a1',
      endedAt: at(9),
      endedBy: 'agent',
      missed: false,
      wrapUpSeconds: 30,
    });
    call.restore(null);
    expect(call.phase).toBe('wrap_up');
  });

  it('pauses recording through the server and shows what the server answered', async () => {
    const { call, transport } = setup();
    transport.respond('call:setRecording', (input) =>
      ok({
        recording: input.action === 'pause' ? ('paused' as const) : ('recording' as const),
      }),
    );
    call.offered(pop('c1'));
    call.connected({ callId: 'c1', agentId: 'a1', connectedAt: at(0), recording: 'recording' });
    expect(await call.toggleRecording()).toBe(true);
    expect(call.recording).toBe('paused');
    expect(await call.toggleRecording()).toBe(true);
    expect(call.recording).toBe('recording');
    expect(transport.requests.map((r) => r.input)).toEqual([
      { callId: 'c1', action: 'pause' },
      { callId: 'c1', action: 'resume' },
    ]);
  });

  it('shows the server’s refusal of a transfer', async () => {
    const { call, transport } = setup();
    transport.respond('call:transfer', () =>
      refuse('not_your_call', 'call c1 is not a call you are on'),
    );
    call.offered(pop('c1'));
    expect(await call.transfer({ kind: 'queue', queueId: 'sales' })).toBe(false);
    expect(call.error).toBe('call c1 is not a call you are on');
    expect(call.pending).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { AcdSnapshot } from '../../../routing/index.js';
import { queueAgents } from '../../../server/dialer/floor.js';
import { outcomeOfFailure } from '../../../server/dialer/settle.js';

type Agent = AcdSnapshot['agents'][number];

const agent = (id: string, state: Agent['state'], since: number, free = false): Agent => ({
  id,
  name: id,
  state,
  free,
  reason: '',
  callId: null,
  since,
  missed: 0,
  queues: ['outbound'],
  afterCall: null,
});

const snapshot = (agents: Agent[]): AcdSnapshot =>
  ({
    at: 100_000,
    queues: [{ id: 'outbound', waiting: [], free: [], members: agents.map((a) => a.id) }],
    agents: [...agents, { ...agent('x', 'available', 0, true), queues: ['support'] }],
    calls: [],
  }) as unknown as AcdSnapshot;

describe('the pacing view of a campaign queue', () => {
  it('counts idle, talking, wrapping-up and reserved agents; leaves out paused ones and other queues', () => {
    const floor = queueAgents(
      snapshot([
        agent('1', 'available', 90_000, true),
        agent('2', 'on_call', 40_000),
        agent('3', 'wrap_up', 95_000),
        agent('4', 'reserved', 99_000),
        agent('5', 'paused', 10_000),
        agent('6', 'logged_out', 0),
      ]),
      'outbound',
    );
    expect(floor.idle).toEqual(['1']);
    expect(floor.onDuty).toEqual(['1', '2', '3', '4']);
    expect(floor.busy).toEqual([
      { id: '2', phase: 'talking', elapsedMs: 60_000 },
      { id: '3', phase: 'wrap_up', elapsedMs: 5_000 },
      // Reserved for a call that is about to be bridged: busy from now on.
      { id: '4', phase: 'talking', elapsedMs: 0 },
    ]);
  });

  it('does not count on an agent a supervisor pauses after the call to free up', () => {
    const floor = queueAgents(
      snapshot([
        { ...agent('2', 'on_call', 40_000), afterCall: { state: 'paused', reason: 'coaching' } },
        agent('3', 'wrap_up', 95_000),
      ]),
      'outbound',
    );
    expect(floor.onDuty).toEqual(['2', '3']);
    expect(floor.busy.map((b) => b.id)).toEqual(['3']);
  });
});

describe('outcome of a dial that was not answered', () => {
  it('reads busy, congestion, no answer and Q.850 causes as app_dial does', () => {
    expect(outcomeOfFailure({ status: 'busy', cause: 17 })).toBe('busy');
    expect(outcomeOfFailure({ status: 'congestion', cause: 34 })).toBe('busy');
    expect(outcomeOfFailure({ status: 'no_answer', cause: 19 })).toBe('no_answer');
    expect(outcomeOfFailure({ status: 'failed', cause: 1 })).toBe('wrong_number');
    expect(outcomeOfFailure({ status: 'failed', cause: 28 })).toBe('wrong_number');
    expect(outcomeOfFailure({ status: 'failed', cause: 20 })).toBe('no_answer');
    expect(outcomeOfFailure({ status: 'failed', cause: null })).toBe('no_answer');
  });
});

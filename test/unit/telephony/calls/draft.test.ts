import { describe, expect, it } from 'vitest';
import { Draft } from '../../../../telephony/calls/draft.js';
import { record } from './fixtures.js';

describe('Draft', () => {
  it('moves along the table and refuses an illegal move without changing the state', () => {
    const d = new Draft(record('ivr'));
    d.move('queued');
    expect(d.rec.state).toBe('queued');
    expect(() => d.move('wrap_up')).toThrow(/queued → wrap_up/);
    expect(d.rec.state).toBe('queued');
  });

  it('keeps timers in the record and remembers which to arm and which to cancel', () => {
    const d = new Draft(record('queued', { timers: { old: 5 } }));
    d.setTimer('announce', 100);
    d.cancelTimer('old');
    d.cancelTimer('never-set');
    expect(d.rec.timers).toEqual({ announce: 100 });
    expect([...d.timersSet]).toEqual([['announce', 100]]);
    expect([...d.timersCancelled]).toEqual(['old']);
  });

  it('a timer set again after a cancel is armed, not cancelled', () => {
    const d = new Draft(record('queued', { timers: { ring: 5 } }));
    d.cancelTimer('ring');
    d.setTimer('ring', 9);
    expect(d.timersCancelled.has('ring')).toBe(false);
    expect(d.timersSet.get('ring')).toBe(9);
  });

  it('makes ids unique within the call and bumps the stored counter', () => {
    const d = new Draft(record('queued', { seq: 4 }));
    expect(d.nextId('agent')).toBe('agent-5-1795388288.20');
    expect(d.nextId('hold')).toBe('hold-6-1795388288.20');
    expect(d.rec.seq).toBe(6);
  });

  it('merges interaction patches of one change', () => {
    const d = new Draft(record('queued'));
    d.interaction({ queue: 'support' });
    d.interaction({ abandoned: true });
    expect(d.patch).toEqual({ queue: 'support', abandoned: true });
  });

  it('links channels to its call and collects index changes', () => {
    const d = new Draft(record('queued'));
    d.link('agent-1-x', { role: 'agent' });
    d.unlink('old');
    d.indexAgent('7');
    d.unindexAgent('8');
    expect(d.ix).toEqual({
      link: [['agent-1-x', { callId: '1795388288.20', role: 'agent' }]],
      unlink: ['old'],
      agent: [['7', '1795388288.20']],
      unagent: ['8'],
      expire: [],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { CALL_STATES } from '../../../../telephony/calls/model.js';
import { canMove, checkMove, TRANSITIONS } from '../../../../telephony/calls/transitions.js';
import { CallError } from '../../../../telephony/calls/errors.js';

describe('call transitions', () => {
  it('every state may stay where it is (a data change without a move)', () => {
    for (const s of CALL_STATES) expect(canMove(s, s)).toBe(true);
  });

  it('the listed moves are allowed', () => {
    expect(canMove('ivr', 'queued')).toBe(true);
    expect(canMove('queued', 'offering')).toBe(true);
    expect(canMove('offering', 'queued')).toBe(true);
    expect(canMove('offering', 'connected')).toBe(true);
    expect(canMove('connected', 'wrap_up')).toBe(true);
    expect(canMove('wrap_up', 'ended')).toBe(true);
  });

  it('an ended call never moves again', () => {
    expect(TRANSITIONS.ended).toEqual([]);
    for (const s of CALL_STATES.filter((x) => x !== 'ended'))
      expect(canMove('ended', s)).toBe(false);
  });

  it('skipping a step is refused: a caller in the IVR cannot be connected to an agent', () => {
    expect(canMove('ivr', 'connected')).toBe(false);
    expect(canMove('queued', 'connected')).toBe(false);
    expect(canMove('wrap_up', 'connected')).toBe(false);
  });

  it('an illegal move throws illegal_transition naming the allowed moves', () => {
    let caught: unknown;
    try {
      checkMove('c1', 'ivr', 'wrap_up');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CallError);
    expect(caught).toMatchObject({
      code: 'illegal_transition',
      status: 409,
      details: { callId: 'c1', from: 'ivr', to: 'wrap_up', allowed: ['queued', 'ended'] },
    });
    expect((caught as Error).message).toContain('ivr → wrap_up');
  });
});

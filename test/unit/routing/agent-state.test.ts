import { describe, expect, it } from 'vitest';
import {
  NO_ANSWER,
  RoutingError,
  afterCall,
  afterMissedOffer,
  waitsForCall,
  allowedMoves,
  assertMove,
  canMove,
  statesAllowing,
} from '../../../routing/index.js';

describe('agent state machine', () => {
  it('lets an offered agent accept, decline, pause or log out, and nothing else', () => {
    expect([...allowedMoves('reserved')].sort()).toEqual([
      'available',
      'logged_out',
      'on_call',
      'paused',
    ]);
  });

  it('refuses to take an agent on a call anywhere but wrap-up, naming the allowed moves', () => {
    let err: unknown;
    try {
      assertMove('1007', 'on_call', 'available');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RoutingError);
    const r = err as RoutingError;
    expect(r.code).toBe('illegal_agent_transition');
    expect(r.status).toBe(409);
    expect(r.details).toEqual({
      agentId: '1007',
      from: 'on_call',
      to: 'available',
      allowed: ['wrap_up'],
    });
    expect(r.message).toContain('allowed: wrap_up');
  });

  it('refuses to offer a call to a logged-out agent', () => {
    expect(canMove('logged_out', 'reserved')).toBe(false);
    expect(() => assertMove('a', 'logged_out', 'reserved')).toThrow(
      /cannot go from logged_out to reserved/,
    );
  });

  it('allows a direct offer from wrap-up or pause (the agent becoming ready takes a call)', () => {
    expect(canMove('wrap_up', 'reserved')).toBe(true);
    expect(canMove('paused', 'reserved')).toBe(true);
    expect(canMove('available', 'on_call')).toBe(false);
  });

  it('lists the states a move is allowed from, for the store’s atomic checks', () => {
    expect(statesAllowing('wrap_up')).toEqual(['on_call']);
    expect(statesAllowing('logged_out').sort()).toEqual([
      'available',
      'paused',
      'reserved',
      'wrap_up',
    ]);
  });

  it('pauses the agent with reason "no answer" on the configured number of consecutive misses', () => {
    expect(afterMissedOffer(1, 3)).toEqual({ state: 'available', reason: null });
    expect(afterMissedOffer(2, 3)).toEqual({ state: 'available', reason: null });
    expect(afterMissedOffer(3, 3)).toEqual({ state: 'paused', reason: NO_ANSWER });
    expect(NO_ANSWER).toBe('no answer');
  });

  it('never auto-pauses when the limit is 0', () => {
    expect(afterMissedOffer(50, 0).state).toBe('available');
  });

  it('lets a move ordered after the call wait only while a call is the agent’s', () => {
    expect(['reserved', 'on_call', 'wrap_up'].every((s) => waitsForCall(s as never))).toBe(true);
    expect(['available', 'paused', 'logged_out'].some((s) => waitsForCall(s as never))).toBe(false);
  });

  it('sends an agent whose call is over to the ordered pause or logout instead of available', () => {
    expect(afterCall(null)).toEqual({ state: 'available', reason: '' });
    expect(afterCall({ state: 'paused', reason: 'coaching' })).toEqual({
      state: 'paused',
      reason: 'coaching',
    });
    expect(afterCall({ state: 'logged_out', reason: '' }).state).toBe('logged_out');
  });

  it('lets a move ordered after the call win over the "no answer" auto-pause', () => {
    expect(afterMissedOffer(3, 3, { state: 'logged_out', reason: '' })).toEqual({
      state: 'available',
      reason: null,
    });
  });
});

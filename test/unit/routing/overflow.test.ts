import { describe, expect, it } from 'vitest';
import { anyQualified, nextReviewAt, refuseFull, reviewCall } from '../../../routing/index.js';
import { call, queue, s } from './fixtures.js';

const ctx = { qualifiedLoggedIn: true, maxHops: 5 };

describe('overflow and exits', () => {
  it('moves a call to the target queue after N seconds in its queue', () => {
    const q = queue({
      id: 'sales',
      overflow: { afterSeconds: 120, target: { queueId: 'general' } },
    });
    const c = call('c', q);
    expect(reviewCall(c, q, s(119), ctx)).toEqual({ kind: 'route' });
    expect(reviewCall(c, q, s(120), ctx)).toEqual({
      kind: 'overflow',
      toQueueId: 'general',
      reason: 'waited 120 s in queue sales ≥ 120 s: overflow to queue general',
    });
  });

  it('sends the caller to the callback offer when the target is an exit', () => {
    const q = queue({ overflow: { afterSeconds: 60, target: { exit: 'callback' } } });
    expect(reviewCall(call('c', q), q, s(61), ctx)).toMatchObject({
      kind: 'exit',
      exit: 'callback',
    });
  });

  it('overflows at once when no logged-in agent could ever serve the call', () => {
    const q = queue({
      id: 'zh',
      requirements: [{ skill: 'zh-CN', min: 4 }],
      relaxation: [{ afterSeconds: 60, requirements: [{ skill: 'zh-CN', min: 2 }] }],
      overflow: { whenNoQualifiedAgents: true, target: { queueId: 'general' } },
    });
    const c = call('c', q);
    expect(anyQualified(c, q, [{ skills: { 'zh-CN': 2 } }])).toBe(true); // after relaxation
    expect(anyQualified(c, q, [{ skills: { 'zh-CN': 1 } }, { skills: { en: 5 } }])).toBe(false);
    expect(reviewCall(c, q, s(1), { ...ctx, qualifiedLoggedIn: false })).toEqual({
      kind: 'overflow',
      toQueueId: 'general',
      reason: 'no logged-in agent of queue zh qualifies (zh-CN ≥ 2): overflow to queue general',
    });
  });

  it('ends the wait at max wait (counted from the first enqueue) before any overflow rule', () => {
    const q = queue({
      maxWaitSeconds: 300,
      maxWaitExit: 'voicemail',
      overflow: { afterSeconds: 60, target: { queueId: 'general' } },
    });
    const c = { ...call('c', q, {}, s(0)), queueEnteredAt: s(280) };
    expect(reviewCall(c, q, s(300), ctx)).toEqual({
      kind: 'exit',
      exit: 'voicemail',
      reason: 'waited 300 s ≥ max wait 300 s: exit to voicemail',
    });
  });

  it('stops moving a call that has overflowed too often: callback instead', () => {
    const q = queue({ overflow: { afterSeconds: 10, target: { queueId: 'other' } } });
    const c = { ...call('c', q), hops: 5 };
    expect(reviewCall(c, q, s(20), ctx)).toMatchObject({ kind: 'exit', exit: 'callback' });
  });

  it('refuses a caller when the queue is full, to the overflow target or a callback', () => {
    const full = queue({ maxQueueLength: 10 });
    expect(refuseFull(full, call('c', full), 5)).toEqual({
      kind: 'exit',
      exit: 'callback',
      reason: 'queue q1 is full (10 waiting): exit to callback',
    });
    const withTarget = queue({ maxQueueLength: 10, overflow: { target: { queueId: 'q2' } } });
    expect(refuseFull(withTarget, call('c', withTarget), 5)).toMatchObject({
      kind: 'overflow',
      toQueueId: 'q2',
    });
  });

  it('reviews the call at the earliest of relaxation, overflow and max-wait times', () => {
    const q = queue({
      relaxation: [{ afterSeconds: 45, requirements: [] }],
      overflow: { afterSeconds: 120, target: { exit: 'callback' } },
      maxWaitSeconds: 600,
    });
    const c = call('c', q);
    expect(nextReviewAt(c, q, s(0))).toBe(s(45));
    expect(nextReviewAt(c, q, s(50))).toBe(s(120));
    expect(nextReviewAt(c, q, s(130))).toBe(s(600));
    expect(nextReviewAt(c, queue(), s(0))).toBeNull();
  });

  it('rejects a queue that overflows to itself', () => {
    expect(() =>
      queue({ id: 'x', overflow: { afterSeconds: 5, target: { queueId: 'x' } } }),
    ).toThrow(/overflows to itself/);
  });
});

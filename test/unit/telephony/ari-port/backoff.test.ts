import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../telephony/ari/backoff.js';

describe('reconnection backoff', () => {
  const policy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

  it('doubles from the first delay and stops growing at the cap', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10, 50].map((a) => backoffDelay(a, policy, mid))).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000,
    ]);
  });

  it('spreads each delay by the jitter, never past the cap', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(800);
    expect(backoffDelay(1, policy, () => 1)).toBe(1200);
    expect(backoffDelay(20, policy, () => 1)).toBe(30_000);
  });
});

import { describe, expect, it } from 'vitest';
import {
  basePriority,
  callOrderKey,
  chooseCall,
  effectivePriority,
} from '../../../routing/index.js';
import { call, queue, s } from './fixtures.js';

const q = queue({
  priority: { tiers: { gold: 5, silver: 2 }, vipBonus: 10, agingSecondsPerLevel: 60 },
});

describe('caller priority', () => {
  it('comes from the tier, plus a bonus for VIPs; an explicit CRM priority wins', () => {
    expect(basePriority({ tier: 'gold' }, q)).toBe(5);
    expect(basePriority({ tier: 'gold', vip: true }, q)).toBe(15);
    expect(basePriority({ tier: 'unknown' }, q)).toBe(0);
    expect(basePriority({ tier: 'gold', vip: true, priority: 3 }, q)).toBe(3);
  });

  it('ages one level per agingSecondsPerLevel of waiting', () => {
    const c = call('c', q, { tier: 'silver' });
    expect(effectivePriority(c, q, s(0))).toBe(2);
    expect(effectivePriority(c, q, s(90))).toBe(3.5);
  });

  it('does not age when ageing is turned off', () => {
    const flat = queue({ priority: { tiers: {}, vipBonus: 10, agingSecondsPerLevel: 0 } });
    expect(effectivePriority(call('c', flat), flat, s(3600))).toBe(0);
  });

  it('lets a standard caller outrank gold callers who arrive more than 5 levels × 60 s later', () => {
    const old = call('old', q, {}, s(0));
    const pickAt = (goldArrival: number) => {
      const gold = call('gold', q, { tier: 'gold' }, s(goldArrival));
      return chooseCall({
        agent: { id: 'a', skills: {}, groups: [] },
        candidates: [
          { call: old, queue: q, sticky: 'away' },
          { call: gold, queue: q, sticky: 'away' },
        ],
        now: s(goldArrival + 1),
      }).item?.call.id;
    };
    expect(pickAt(290)).toBe('gold'); // 5.02 vs 4.85
    expect(pickAt(310)).toBe('old'); // 5.02 vs 5.18: nobody starves behind later arrivals
  });

  it('orders a queue by a time-free key that matches effective priority at any moment', () => {
    const calls = Array.from({ length: 30 }, (_, i) =>
      call(`c${i}`, q, { tier: ['gold', 'silver', undefined][i % 3], vip: i % 7 === 0 }, s(i * 13)),
    );
    for (const now of [s(400), s(1000), s(5000)]) {
      const byKey = [...calls]
        .sort((a, b) => callOrderKey(a, q) - callOrderKey(b, q))
        .map((c) => c.id);
      const byPriority = [...calls]
        .sort(
          (a, b) =>
            effectivePriority(b, q, now) - effectivePriority(a, q, now) ||
            a.enqueuedAt - b.enqueuedAt,
        )
        .map((c) => c.id);
      expect(byKey).toEqual(byPriority);
    }
  });
});

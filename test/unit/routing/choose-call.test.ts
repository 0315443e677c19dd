import { describe, expect, it } from 'vitest';
import { chooseCall } from '../../../routing/index.js';
import { call, queue, s } from './fixtures.js';

const sales = queue({
  id: 'sales',
  priority: { tiers: { gold: 5 }, vipBonus: 10, agingSecondsPerLevel: 60 },
});
const support = queue({
  id: 'support',
  priority: { tiers: { gold: 5 }, vipBonus: 10, agingSecondsPerLevel: 30 },
});
const multi = { id: 'm1', skills: { billing: 3 }, groups: [] };

describe('an agent serving several queues', () => {
  it('takes the highest effective priority across all their queues', () => {
    const d = chooseCall({
      agent: multi,
      candidates: [
        { call: call('s-old', sales, {}, s(0)), queue: sales, sticky: 'away' },
        { call: call('p-gold', support, { tier: 'gold' }, s(100)), queue: support, sticky: 'away' },
      ],
      now: s(120),
    });
    // sales: 0 + 120/60 = 2; support: 5 + 20/30 = 5.67
    expect(d.item?.call.id).toBe('p-gold');
    expect(d.reason).toBe(
      'call p-gold from queue support for agent m1: priority 5.7 (base 5, aged +0.7), waited 20 s, first of 2 eligible call(s) in 2 queue(s)',
    );
  });

  it('applies each queue’s own ageing rate in the one global order', () => {
    const d = chooseCall({
      agent: multi,
      candidates: [
        { call: call('s1', sales, {}, s(0)), queue: sales, sticky: 'away' },
        { call: call('p1', support, {}, s(0)), queue: support, sticky: 'away' },
      ],
      now: s(60),
    });
    expect(d.item?.call.id).toBe('p1'); // support ages twice as fast
  });

  it('takes the caller who waited longest when priorities are equal, whatever the queue', () => {
    const flatA = queue({ id: 'a', priority: { tiers: {}, vipBonus: 0, agingSecondsPerLevel: 0 } });
    const flatB = queue({ id: 'b', priority: { tiers: {}, vipBonus: 0, agingSecondsPerLevel: 0 } });
    const d = chooseCall({
      agent: multi,
      candidates: [
        { call: call('b-new', flatB, {}, s(50)), queue: flatB, sticky: 'away' },
        { call: call('a-old', flatA, {}, s(10)), queue: flatA, sticky: 'away' },
        { call: call('b-mid', flatB, {}, s(30)), queue: flatB, sticky: 'away' },
      ],
      now: s(60),
    });
    expect(d.item?.call.id).toBe('a-old');
  });

  it('skips calls needing skills the agent lacks and says why when none fits', () => {
    const zh = queue({ id: 'zh', requirements: [{ skill: 'zh-CN', min: 3 }] });
    const d = chooseCall({
      agent: multi,
      candidates: [{ call: call('z', zh), queue: zh, sticky: 'away' }],
      now: s(1),
    });
    expect(d.item).toBeNull();
    expect(d.reason).toBe(
      'agent m1: none of 1 waiting call(s) is eligible (e.g. agent m1 lacks zh-CN ≥ 3 (has 0))',
    );
  });

  it('says so when no call waits at all', () => {
    expect(chooseCall({ agent: multi, candidates: [], now: s(1) }).reason).toBe(
      'agent m1: no call waiting in their queues',
    );
  });
});

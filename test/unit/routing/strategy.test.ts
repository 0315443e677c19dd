import { describe, expect, it } from 'vitest';
import { agentOrderKey, chooseAgent, compareAgents, STRATEGIES } from '../../../routing/index.js';
import type { AgentCandidate, Strategy } from '../../../routing/index.js';
import { agent, call, queue, s } from './fixtures.js';

function pick(strategy: Strategy, candidates: AgentCandidate[], now = s(600)) {
  const q = queue({ strategy });
  return chooseAgent({ call: call('c1', q, {}, now), queue: q, candidates, now, sticky: 'away' });
}

describe('agent selection strategies', () => {
  it('longest-idle picks the agent whose last call ended first, and says how long', () => {
    const d = pick('longest-idle', [
      agent('a', { idleSince: s(300) }),
      agent('b', { idleSince: s(100) }),
      agent('c', { idleSince: s(200) }),
    ]);
    expect(d.agent?.id).toBe('b');
    expect(d.reason).toBe('agent b: idle 500 s');
  });

  it('fewest-calls picks the fewest answered calls today, then the longest idle', () => {
    const d = pick('fewest-calls', [
      agent('a', { callsToday: 3, idleSince: s(0) }),
      agent('b', { callsToday: 1, idleSince: s(400) }),
      agent('c', { callsToday: 1, idleSince: s(100) }),
    ]);
    expect(d.agent?.id).toBe('c');
    expect(d.reason).toBe('agent c: 1 call today, idle 500 s');
  });

  it('least-talk-time picks the least talk today, then the longest idle', () => {
    const d = pick('least-talk-time', [
      agent('a', { talkSecondsToday: 900 }),
      agent('b', { talkSecondsToday: 120.4, idleSince: s(50) }),
      agent('c', { talkSecondsToday: 3600 }),
    ]);
    expect(d.agent?.id).toBe('b');
    expect(d.reason).toContain('talk 120 s today');
  });

  it('round-robin offers never-offered agents by rank first, then the least recently offered', () => {
    const d1 = pick('round-robin', [
      agent('a', { lastOfferedAt: s(10) }),
      agent('b', { rank: 2 }),
      agent('c', { rank: 1 }),
    ]);
    expect(d1.agent?.id).toBe('c');
    expect(d1.reason).toContain('not offered yet, rank 1');
    const d2 = pick('round-robin', [
      agent('a', { lastOfferedAt: s(30) }),
      agent('b', { lastOfferedAt: s(10) }),
      agent('c', { lastOfferedAt: s(20) }),
    ]);
    expect(d2.agent?.id).toBe('b');
    expect(d2.reason).toContain('last offered 590 s ago');
  });

  it('round-robin rotates: after an offer the agent goes to the end of the rotation', () => {
    const team = [agent('a', { rank: 1 }), agent('b', { rank: 2 }), agent('c', { rank: 3 })];
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const d = pick('round-robin', team, s(100 + i));
      const who = team.find((x) => x.id === d.agent?.id)!;
      who.lastOfferedAt = s(100 + i);
      order.push(who.id);
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('ranked picks the best rank even if others were idle longer, then longest idle', () => {
    const d = pick('ranked', [
      agent('a', { rank: 2, idleSince: s(0) }),
      agent('b', { rank: 1, idleSince: s(500) }),
      agent('c', { rank: 1, idleSince: s(400) }),
    ]);
    expect(d.agent?.id).toBe('c');
    expect(d.reason).toBe('agent c: rank 1, idle 200 s');
  });

  it('breaks exact ties by agent id, the order the store’s sorted sets use', () => {
    for (const strategy of STRATEGIES) {
      const d = pick(strategy, [agent('b'), agent('a')]);
      expect(d.agent?.id).toBe('a');
    }
  });

  it('orders by a key that agrees with the comparator for every strategy', () => {
    const pool = Array.from({ length: 40 }, (_, i) =>
      agent(`a${i}`, {
        idleSince: s((i * 37) % 500),
        callsToday: (i * 7) % 5,
        talkSecondsToday: (i * 53) % 900,
        rank: (i % 4) + 1,
        lastOfferedAt: i % 3 === 0 ? 0 : s((i * 11) % 300),
      }),
    );
    for (const strategy of STRATEGIES) {
      const byCompare = [...pool].sort((a, b) => compareAgents(strategy, a, b)).map((a) => a.id);
      const byKey = [...pool]
        .sort(
          (a, b) =>
            agentOrderKey(strategy, a) - agentOrderKey(strategy, b) || (a.id < b.id ? -1 : 1),
        )
        .map((a) => a.id);
      expect(byKey).toEqual(byCompare);
    }
  });
});

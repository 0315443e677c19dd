import { describe, expect, it } from 'vitest';
import {
  agentFilter,
  checkEligibility,
  chooseAgent,
  compareAgents,
  createRandom,
  passesFilter,
  type AgentCandidate,
} from '../../../routing/index.js';
import { agent, call, queue, s, T0 } from './fixtures.js';

describe('agentFilter (what the enqueue script applies in the free set order)', () => {
  it('needs the full rules for a call with a preferred agent or a decline', () => {
    const q = queue({ stickiness: { lastServedWithinSeconds: 3600, holdSeconds: 30 } });
    expect(agentFilter(call('c', q, { preferredAgentId: 'a1' }), q, T0)).toBeNull();
    const declined = { ...call('c', q), declined: { a1: T0 } };
    expect(agentFilter(declined, q, s(1))).toBeNull();
    expect(agentFilter(call('c', q), q, T0)).toEqual({ requirements: [], group: null });
  });

  it('asks for the VIP group during the VIP-only period only, and relaxed skills later', () => {
    const q = queue({
      requirements: [{ skill: 'billing', min: 4 }],
      relaxation: [{ afterSeconds: 30, requirements: [{ skill: 'billing', min: 2 }] }],
      vip: { agentGroup: 'vip', overflowAfterSeconds: 20 },
    });
    const c = call('c', q, { vip: true });
    expect(agentFilter(c, q, s(1))).toEqual({
      requirements: [{ skill: 'billing', min: 4 }],
      group: 'vip',
    });
    expect(agentFilter(c, q, s(31))).toEqual({
      requirements: [{ skill: 'billing', min: 2 }],
      group: null,
    });
    expect(agentFilter(call('d', q), q, s(1))?.group).toBeNull();
  });

  it('agrees with checkEligibility, so the first agent passing it is chooseAgent’s choice', () => {
    const rand = createRandom(7).next;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let round = 0; round < 300; round++) {
      const q = queue({
        strategy: pick(['longest-idle', 'fewest-calls', 'round-robin', 'ranked'] as const),
        requirements: rand() < 0.7 ? [{ skill: 'billing', min: 1 + Math.floor(rand() * 5) }] : [],
        relaxation:
          rand() < 0.5 ? [{ afterSeconds: 10, requirements: [{ skill: 'billing', min: 1 }] }] : [],
        vip: rand() < 0.5 ? { agentGroup: 'vip', overflowAfterSeconds: 15 } : null,
      });
      const c = call(`c${round}`, q, {
        vip: rand() < 0.5,
        ...(rand() < 0.3 ? { requirements: [{ skill: 'zh', min: 3 }] } : {}),
      });
      const now = s(Math.floor(rand() * 40));
      const agents: AgentCandidate[] = Array.from({ length: 6 }, (_, i) =>
        agent(`a${i}`, {
          skills: { billing: Math.floor(rand() * 6), zh: Math.floor(rand() * 6) },
          groups: rand() < 0.3 ? ['vip'] : [],
          idleSince: T0 - Math.floor(rand() * 100) * 1000,
          callsToday: Math.floor(rand() * 4),
          rank: 1 + Math.floor(rand() * 3),
        }),
      );
      const filter = agentFilter(c, q, now)!;
      for (const a of agents) {
        expect(passesFilter(filter, a)).toBe(checkEligibility(c, q, a, now, 'away').ok);
      }
      const ordered = [...agents].sort((x, y) => compareAgents(q.strategy, x, y));
      const first = ordered.find((a) => passesFilter(filter, a)) ?? null;
      const d = chooseAgent({ call: c, queue: q, candidates: agents, now, sticky: 'away' });
      expect(d.agent?.id ?? null).toBe(first?.id ?? null);
    }
  });
});

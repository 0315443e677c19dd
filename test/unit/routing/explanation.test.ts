import { describe, expect, it } from 'vitest';
import {
  chooseAgent,
  chooseCall,
  describeOffer,
  strategyMetric,
  type AgentDecision,
  type CallDecision,
  type Strategy,
} from '../../../routing/index.js';
import { parseCallRecord } from '../../../routing/store/records.js';
import { agent, call, queue, s, T0 } from './fixtures.js';

function chosen(d: AgentDecision) {
  if (!d.agent) throw new Error(`no agent: ${d.reason}`);
  // One source of truth: the English reason is the explanation told in words.
  expect(describeOffer(d.explanation)).toBe(d.reason);
  return d;
}

function taken(d: CallDecision) {
  if (!d.item) throw new Error(`no call: ${d.reason}`);
  expect(describeOffer(d.explanation)).toBe(d.reason);
  return d;
}

describe('an offer to an agent, explained', () => {
  it('names the skills in force with the agent’s level and the minimum, and the strategy’s figure', () => {
    const q = queue({
      requirements: [
        { skill: 'zh-CN', min: 3 },
        { skill: 'billing', min: 2 },
      ],
    });
    const d = chosen(
      chooseAgent({
        call: call('c', q),
        queue: q,
        candidates: [agent('1007', { skills: { 'zh-CN': 3, billing: 4 }, idleSince: s(-312) })],
        now: T0,
        sticky: 'away',
      }),
    );
    expect(d.explanation).toEqual({
      kind: 'agent',
      agentId: '1007',
      skills: [
        { skill: 'zh-CN', level: 3, min: 3 },
        { skill: 'billing', level: 4, min: 2 },
      ],
      metric: { strategy: 'longest-idle', idleSeconds: 312 },
      notes: [],
    });
    expect(d.reason).toBe('agent 1007: skill zh-CN 3, skill billing 4, idle 312 s');
  });

  it('gives each strategy’s own figure, in today’s words', () => {
    const a = agent('a', {
      idleSince: s(-200),
      callsToday: 1,
      talkSecondsToday: 119.6,
      rank: 2,
      lastOfferedAt: s(-590),
    });
    const cases: [Strategy, object, string][] = [
      ['longest-idle', { idleSeconds: 200 }, 'agent a: idle 200 s'],
      ['fewest-calls', { callsToday: 1, idleSeconds: 200 }, 'agent a: 1 call today, idle 200 s'],
      [
        'least-talk-time',
        { talkSecondsToday: 120, idleSeconds: 200 },
        'agent a: talk 120 s today, idle 200 s',
      ],
      [
        'round-robin',
        { lastOfferedSecondsAgo: 590, rank: 2 },
        'agent a: next in rotation (last offered 590 s ago)',
      ],
      ['ranked', { rank: 2, idleSeconds: 200 }, 'agent a: rank 2, idle 200 s'],
    ];
    for (const [strategy, metric, text] of cases) {
      const q = queue({ strategy });
      const d = chosen(
        chooseAgent({ call: call('c', q), queue: q, candidates: [a], now: T0, sticky: 'away' }),
      );
      expect(d.explanation.metric, strategy).toEqual({ strategy, ...metric });
      expect(d.reason, strategy).toBe(text);
    }
    expect(strategyMetric('round-robin', agent('new', { rank: 3 }), T0)).toEqual({
      strategy: 'round-robin',
      lastOfferedSecondsAgo: null,
      rank: 3,
    });
  });

  it('tells a preferred agent named by the CRM from the one who served the customer last', () => {
    const q = queue({ stickiness: { lastServedWithinSeconds: 86_400, holdSeconds: 20 } });
    const a1 = agent('a1', { idleSince: s(-5) });
    const last = call('c', q, { lastAgentId: 'a1', lastServedAt: s(-60) });
    const named = call('c', q, { preferredAgentId: 'a1', lastAgentId: 'a2', lastServedAt: s(-60) });
    const input = { queue: q, candidates: [a1], now: s(1), sticky: 'free' as const };
    const byLast = chosen(chooseAgent({ ...input, call: last }));
    expect(byLast.explanation.notes).toEqual([{ code: 'preferred_agent', because: 'last_served' }]);
    expect(byLast.reason).toBe('agent a1: idle 6 s, preferred agent');
    const byName = chosen(chooseAgent({ ...input, call: named }));
    expect(byName.explanation.notes).toEqual([{ code: 'preferred_agent', because: 'named' }]);
    expect(byName.reason).toBe('agent a1: idle 6 s, preferred agent');
  });

  it('notes a preferred agent who did not come, relaxed requirements and the VIP rules', () => {
    const q = queue({
      requirements: [{ skill: 'billing', min: 4 }],
      relaxation: [{ afterSeconds: 30, requirements: [{ skill: 'billing', min: 2 }] }],
      stickiness: { lastServedWithinSeconds: 86_400, holdSeconds: 20 },
      vip: { agentGroup: 'vip-team', overflowAfterSeconds: 10 },
    });
    const c = call('c', q, { vip: true, lastAgentId: 'gone', lastServedAt: s(-60) });
    const general = agent('g', { skills: { billing: 2 }, idleSince: s(-100) });
    const d = chosen(
      chooseAgent({ call: c, queue: q, candidates: [general], now: s(40), sticky: 'away' }),
    );
    expect(d.explanation.notes).toEqual([
      { code: 'requirements_relaxed', step: 1 },
      { code: 'preferred_agent_unavailable', agentId: 'gone' },
      { code: 'vip_overflow' },
    ]);
    expect(d.reason).toBe(
      'agent g: skill billing 2, idle 140 s, requirements relaxed (step 1), preferred agent gone unavailable, VIP overflow to general pool',
    );
    const team = agent('v', { skills: { billing: 5 }, groups: ['vip-team'] });
    const inGroup = chosen(
      chooseAgent({ call: c, queue: q, candidates: [team], now: s(1), sticky: 'away' }),
    );
    expect(inGroup.explanation.notes).toContainEqual({ code: 'vip_group', group: 'vip-team' });
    expect(inGroup.reason).toContain('VIP group vip-team');
  });
});

describe('a call taken by an agent becoming free, explained', () => {
  it('gives the priority with its ageing, the wait, and how many calls it was first of', () => {
    // Gold is worth 5; a level more for every 30 s of waiting.
    const support = queue({
      id: 'support',
      priority: { tiers: { gold: 5 }, vipBonus: 10, agingSecondsPerLevel: 30 },
    });
    const other = queue({ id: 'other' });
    const d = taken(
      chooseCall({
        agent: { id: 'm1', skills: {}, groups: [] },
        candidates: [
          { call: call('o-new', other, {}, s(110)), queue: other, sticky: 'away' },
          {
            call: call('p-gold', support, { tier: 'gold' }, s(100)),
            queue: support,
            sticky: 'away',
          },
        ],
        now: s(120),
      }),
    );
    expect(d.explanation).toEqual({
      kind: 'call',
      agentId: 'm1',
      callId: 'p-gold',
      queueId: 'support',
      priority: 5.7,
      basePriority: 5,
      agedBy: 0.7,
      waitedSeconds: 20,
      notes: [],
      heldForAgent: false,
      eligibleCalls: 2,
      queues: 2,
    });
    expect(d.reason).toBe(
      'call p-gold from queue support for agent m1: priority 5.7 (base 5, aged +0.7), waited 20 s, first of 2 eligible call(s) in 2 queue(s)',
    );
  });

  it('says the call was held for this agent', () => {
    const q = queue({ stickiness: { lastServedWithinSeconds: 86_400, holdSeconds: 20 } });
    const c = call('c', q, { lastAgentId: 'a1', lastServedAt: s(-60) });
    const d = taken(
      chooseCall({
        agent: { id: 'a1', skills: {}, groups: [] },
        candidates: [{ call: c, queue: q, sticky: 'busy' }],
        now: s(3),
      }),
    );
    expect(d.explanation.heldForAgent).toBe(true);
    expect(d.explanation.notes).toEqual([{ code: 'preferred_agent', because: 'last_served' }]);
    expect(d.reason).toBe(
      'call c from queue q1 for agent a1: priority 0.1 (base 0, aged +0.1), waited 3 s, preferred agent, held for this agent, first of 1 eligible call(s) in 1 queue(s)',
    );
  });
});

describe('a stored call’s preferred agent', () => {
  it('is named by the CRM when it is the call’s preferredAgentId, else served the customer last', () => {
    const raw = (sticky: string) => ({
      id: 'c',
      queue: 'q1',
      data: JSON.stringify({ id: 'c', queueId: 'q1', preferredAgentId: 'a9', lastAgentId: 'a1' }),
      sticky,
    });
    expect(parseCallRecord(raw('a9')).routed.stickyBecause).toBe('named');
    expect(parseCallRecord(raw('a1')).routed.stickyBecause).toBe('last_served');
    expect(parseCallRecord(raw('')).routed.stickyBecause).toBeNull();
  });
});

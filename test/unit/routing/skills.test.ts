import { describe, expect, it } from 'vitest';
import {
  activeRequirements,
  chooseAgent,
  finalRequirements,
  meetsRequirements,
  missingSkill,
  noQualifiedFreeAgentReason,
} from '../../../routing/index.js';
import { agent, call, queue, s, T0 } from './fixtures.js';

const zh = { skill: 'zh-CN', min: 3 };
const billing = { skill: 'billing', min: 2 };

describe('skills and requirements', () => {
  it('requires every skill at or above its minimum proficiency', () => {
    expect(meetsRequirements({ 'zh-CN': 3, billing: 2 }, [zh, billing])).toBe(true);
    expect(meetsRequirements({ 'zh-CN': 2, billing: 5 }, [zh, billing])).toBe(false);
    expect(missingSkill({ billing: 4 }, [zh, billing])).toEqual(zh);
    expect(meetsRequirements({}, [])).toBe(true);
  });

  it('offers only to qualified agents and names the skill levels in the reason', () => {
    const q = queue({ requirements: [zh, billing] });
    const d = chooseAgent({
      call: call('c', q),
      queue: q,
      candidates: [
        agent('1001', { skills: { 'zh-CN': 5, billing: 1 }, idleSince: T0 - 900_000 }),
        agent('1007', { skills: { 'zh-CN': 3, billing: 4 }, idleSince: T0 - 312_000 }),
      ],
      now: T0,
      sticky: 'away',
    });
    expect(d.agent?.id).toBe('1007');
    expect(d.reason).toBe('agent 1007: skill zh-CN 3, skill billing 4, idle 312 s');
  });

  it('explains that nobody free qualifies, with an example refusal', () => {
    const q = queue({ requirements: [billing] });
    const d = chooseAgent({
      call: call('c', q),
      queue: q,
      candidates: [agent('a', { skills: { billing: 1 } })],
      now: T0,
      sticky: 'away',
    });
    expect(d.agent).toBeNull();
    expect(d.reason).toBe(
      'none of 1 free agent(s) qualifies; needs billing ≥ 2 (e.g. agent a lacks billing ≥ 2 (has 1))',
    );
  });

  it('explains a wait after the store looked at every free agent, VIP period included', () => {
    const q = queue({
      requirements: [billing],
      vip: { agentGroup: 'vip', overflowAfterSeconds: 20 },
    });
    expect(noQualifiedFreeAgentReason(call('c', q), q, T0)).toBe(
      `none of the free agents of queue ${q.id} qualifies; needs billing ≥ 2`,
    );
    expect(noQualifiedFreeAgentReason(call('v', q, { vip: true }), q, T0 + 5000)).toBe(
      `none of the free agents of queue ${q.id} qualifies; needs billing ≥ 2; VIP caller reserved for group vip for 15 s more`,
    );
  });

  it('lets a call bring its own requirements (the IVR language choice)', () => {
    const q = queue({ requirements: [billing] });
    const c = call('c', q, { requirements: [zh] });
    expect(activeRequirements(c, q, T0).requirements).toEqual([zh]);
  });
});

describe('requirement relaxation', () => {
  const q = queue({
    requirements: [{ skill: 'billing', min: 4 }],
    relaxation: [
      { afterSeconds: 30, requirements: [{ skill: 'billing', min: 2 }] },
      { afterSeconds: 90, requirements: [] },
    ],
  });

  it('widens the pool step by step as the caller waits', () => {
    const c = call('c', q);
    expect(activeRequirements(c, q, s(10))).toEqual({
      requirements: [{ skill: 'billing', min: 4 }],
      step: -1,
      nextAt: s(30),
    });
    expect(activeRequirements(c, q, s(30)).requirements).toEqual([{ skill: 'billing', min: 2 }]);
    expect(activeRequirements(c, q, s(90))).toEqual({ requirements: [], step: 1, nextAt: null });
    expect(finalRequirements(c, q)).toEqual([]);
  });

  it('offers to a less skilled agent only once the step is reached, and says so', () => {
    const c = call('c', q);
    const candidates = [agent('junior', { skills: { billing: 2 } })];
    expect(
      chooseAgent({ call: c, queue: q, candidates, now: s(29), sticky: 'away' }).agent,
    ).toBeNull();
    const d = chooseAgent({ call: c, queue: q, candidates, now: s(31), sticky: 'away' });
    expect(d.agent?.id).toBe('junior');
    expect(d.reason).toContain('requirements relaxed (step 1)');
  });

  it('counts relaxation from the time the call entered its current queue', () => {
    const moved = { ...call('c', q), queueEnteredAt: s(100) };
    expect(activeRequirements(moved, q, s(110)).step).toBe(-1);
    expect(activeRequirements(moved, q, s(130)).step).toBe(0);
  });
});

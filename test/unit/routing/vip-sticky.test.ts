import { describe, expect, it } from 'vitest';
import { chooseAgent, chooseCall, nextReviewAt, stickyTarget } from '../../../routing/index.js';
import { agent, call, queue, s, T0 } from './fixtures.js';

describe('VIP agent group', () => {
  const q = queue({ vip: { agentGroup: 'vip-team', overflowAfterSeconds: 30 } });
  const general = agent('g1', { idleSince: T0 - 600_000 });
  const vipAgent = agent('v1', { groups: ['vip-team'], idleSince: T0 - 10_000 });

  it('offers a VIP caller only to the VIP group at first, even if others idled longer', () => {
    const d = chooseAgent({
      call: call('c', q, { vip: true }),
      queue: q,
      candidates: [general, vipAgent],
      now: s(1),
      sticky: 'away',
    });
    expect(d.agent?.id).toBe('v1');
    expect(d.reason).toContain('VIP group vip-team');
  });

  it('keeps a VIP caller waiting for the group while no group member is free', () => {
    const d = chooseAgent({
      call: call('c', q, { vip: true }),
      queue: q,
      candidates: [general],
      now: s(10),
      sticky: 'away',
    });
    expect(d.agent).toBeNull();
    expect(d.reason).toContain('VIP caller reserved for group vip-team for 20 s more');
  });

  it('overflows a VIP caller to the general pool after the configured wait', () => {
    const d = chooseAgent({
      call: call('c', q, { vip: true }),
      queue: q,
      candidates: [general],
      now: s(30),
      sticky: 'away',
    });
    expect(d.agent?.id).toBe('g1');
    expect(d.reason).toContain('VIP overflow to general pool');
  });

  it('does not restrict standard callers to any group', () => {
    const d = chooseAgent({
      call: call('c', q),
      queue: q,
      candidates: [general, vipAgent],
      now: s(1),
      sticky: 'away',
    });
    expect(d.agent?.id).toBe('g1');
  });

  it('schedules a review for the moment the VIP-only period ends', () => {
    expect(nextReviewAt(call('c', q, { vip: true }), q, s(1))).toBe(s(30));
  });
});

describe('preferred (last) agent', () => {
  const q = queue({ stickiness: { lastServedWithinSeconds: 86_400, holdSeconds: 20 } });
  const other = agent('a2', { idleSince: T0 - 900_000 });
  const last = agent('a1', { idleSince: T0 - 5_000 });

  it('targets the agent who served the customer within the window, for holdSeconds', () => {
    expect(stickyTarget({ lastAgentId: 'a1', lastServedAt: T0 - 3_600_000 }, q, T0)).toEqual({
      agentId: 'a1',
      until: s(20),
      because: 'last_served',
    });
    expect(stickyTarget({ lastAgentId: 'a1', lastServedAt: T0 - 90_000_000 }, q, T0)).toBeNull();
    expect(
      stickyTarget({ preferredAgentId: 'a9', lastAgentId: 'a1', lastServedAt: T0 }, q, T0),
    ).toEqual({
      agentId: 'a9',
      until: s(20),
      because: 'named',
    });
    expect(stickyTarget({ lastAgentId: 'a1', lastServedAt: T0 }, queue(), T0)).toBeNull();
  });

  it('offers the call to the last agent when free, ahead of longer-idle agents', () => {
    const c = call('c', q, { lastAgentId: 'a1', lastServedAt: T0 - 60_000 });
    const d = chooseAgent({
      call: c,
      queue: q,
      candidates: [other, last],
      now: s(1),
      sticky: 'free',
    });
    expect(d.agent?.id).toBe('a1');
    expect(d.reason).toBe('agent a1: idle 6 s, preferred agent');
  });

  it('holds the call for a busy last agent, then lets anyone qualified take it', () => {
    const c = call('c', q, { lastAgentId: 'a1', lastServedAt: T0 - 60_000 });
    const held = chooseAgent({ call: c, queue: q, candidates: [other], now: s(5), sticky: 'busy' });
    expect(held.agent).toBeNull();
    expect(held.reason).toBe('waiting for preferred agent a1 (busy) for 15 s more');
    const after = chooseAgent({
      call: c,
      queue: q,
      candidates: [other],
      now: s(20),
      sticky: 'busy',
    });
    expect(after.agent?.id).toBe('a2');
    expect(after.reason).toBe('agent a2: idle 920 s, preferred agent a1 unavailable');
  });

  it('does not hold the call for a last agent who is logged out or paused', () => {
    const c = call('c', q, { lastAgentId: 'a1', lastServedAt: T0 - 60_000 });
    const d = chooseAgent({ call: c, queue: q, candidates: [other], now: s(1), sticky: 'away' });
    expect(d.agent?.id).toBe('a2');
    expect(d.reason).toContain('preferred agent a1 unavailable');
  });

  it('gives a free last agent the call held for them before higher-priority calls', () => {
    const c = call('held', q, { lastAgentId: 'a1', lastServedAt: T0 - 60_000 });
    const vip = call('vip', q, { vip: true });
    const d = chooseCall({
      agent: { id: 'a1', skills: {}, groups: [] },
      candidates: [
        { call: vip, queue: q, sticky: 'away' },
        { call: c, queue: q, sticky: 'busy' },
      ],
      now: s(3),
    });
    expect(d.item?.call.id).toBe('held');
    expect(d.reason).toContain('held for this agent');
  });

  it('skips the held call for other agents becoming free during the hold', () => {
    const c = call('held', q, { lastAgentId: 'a1', lastServedAt: T0 - 60_000 });
    const d = chooseCall({
      agent: { id: 'a2', skills: {}, groups: [] },
      candidates: [{ call: c, queue: q, sticky: 'busy' }],
      now: s(3),
    });
    expect(d.item).toBeNull();
    expect(d.reason).toContain('held for preferred agent a1');
  });

  it('ends the hold once the preferred agent declined the call', () => {
    const c = {
      ...call('c', q, { lastAgentId: 'a1', lastServedAt: T0 - 60_000 }),
      declined: { a1: s(2) },
    };
    const d = chooseAgent({ call: c, queue: q, candidates: [other], now: s(3), sticky: 'busy' });
    expect(d.agent?.id).toBe('a2');
  });
});

describe('declined calls', () => {
  const q = queue({ declineCooldownSeconds: 30 });

  it('does not offer a call again to the agent who declined it within the cooldown', () => {
    const c = { ...call('c', q), declined: { a1: s(10) } };
    const a1 = agent('a1', { idleSince: T0 - 100_000 });
    expect(
      chooseAgent({ call: c, queue: q, candidates: [a1], now: s(20), sticky: 'away' }).reason,
    ).toContain('agent a1 declined this call 10 s ago');
    expect(
      chooseAgent({ call: c, queue: q, candidates: [a1], now: s(40), sticky: 'away' }).agent?.id,
    ).toBe('a1');
    expect(nextReviewAt(c, q, s(20))).toBe(s(40));
  });
});

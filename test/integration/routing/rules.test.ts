import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingEvent } from '../../../routing/index.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  // A small page makes the multi-page paths run with few agents and calls.
  h = harness('acd_rules', { pageSize: 2 });
});
afterEach(() => h.drop());

const offers = (events: RoutingEvent[]) =>
  events.flatMap((e) => (e.type === 'offer' ? [[e.offer.callId, e.offer.agentId]] : []));

describe('routing rules applied by the Redis store', () => {
  it('pages through free agents in strategy order until one qualifies', async () => {
    await h.acd.upsertQueue({ id: 'q', requirements: [{ skill: 'zh-CN', min: 3 }] });
    for (let i = 1; i <= 7; i++) {
      h.at(i);
      await h.acd.loginAgent({
        id: `a${i}`,
        skills: { 'zh-CN': i === 6 ? 4 : 1 },
        queues: [{ queueId: 'q' }],
      });
    }
    h.at(60);
    const out = await h.acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(out).toMatchObject({ kind: 'offer', offer: { agentId: 'a6' } });
  });

  it('lets an agent in several queues take the highest priority call across them, beyond the first page', async () => {
    await h.acd.upsertQueue({
      id: 'sales',
      priority: { tiers: { gold: 5 }, agingSecondsPerLevel: 60 },
    });
    await h.acd.upsertQueue({
      id: 'support',
      requirements: [{ skill: 'tech', min: 2 }],
      priority: { tiers: { gold: 5 }, agingSecondsPerLevel: 60 },
    });
    for (let i = 1; i <= 5; i++) {
      h.at(i);
      // Top of support: calls needing a skill the agent lacks.
      await h.acd.enqueue({
        id: `s-need-${i}`,
        queueId: 'support',
        tier: 'gold',
        requirements: [{ skill: 'zh-CN', min: 5 }],
      });
    }
    h.at(10);
    await h.acd.enqueue({ id: 'sales-1', queueId: 'sales' });
    h.at(20);
    await h.acd.enqueue({ id: 'support-gold', queueId: 'support', tier: 'gold' });
    h.at(30);
    const offer = await h.acd.loginAgent({
      id: 'm1',
      skills: { tech: 3 },
      queues: [{ queueId: 'sales' }, { queueId: 'support' }],
    });
    expect(offer).toMatchObject({ callId: 'support-gold', queueId: 'support' });
    expect(offer?.reason).toContain('priority 5.2 (base 5, aged +0.2)');
  });

  it('widens the requirements on the review timer and then offers the call', async () => {
    await h.acd.upsertQueue({
      id: 'q',
      requirements: [{ skill: 'billing', min: 4 }],
      relaxation: [{ afterSeconds: 30, requirements: [{ skill: 'billing', min: 2 }] }],
    });
    await h.acd.loginAgent({ id: 'junior', skills: { billing: 2 }, queues: [{ queueId: 'q' }] });
    expect(await h.acd.enqueue({ id: 'c1', queueId: 'q' })).toMatchObject({ kind: 'queued' });
    h.at(29);
    expect(offers(await h.acd.overflowDue())).toEqual([]);
    h.at(30);
    const events = await h.acd.overflowDue();
    expect(offers(events)).toEqual([['c1', 'junior']]);
    const ev = events.find((e) => e.type === 'offer');
    expect(ev?.type === 'offer' && ev.offer.reason).toContain('requirements relaxed (step 1)');
  });

  it('keeps a VIP caller for the VIP group, then lets the general pool take them', async () => {
    await h.acd.upsertQueue({ id: 'q', vip: { agentGroup: 'vip', overflowAfterSeconds: 20 } });
    await h.acd.loginAgent({ id: 'general', queues: [{ queueId: 'q' }] });
    await h.acd.loginAgent(
      { id: 'vip1', groups: ['vip'], queues: [{ queueId: 'q' }] },
      { ready: false },
    );
    h.at(1);
    const out = await h.acd.enqueue({ id: 'c1', queueId: 'q', vip: true });
    expect(out).toMatchObject({ kind: 'queued' });
    expect(out.kind === 'queued' && out.reason).toContain('VIP caller reserved for group vip');
    h.at(21);
    expect(offers(await h.acd.overflowDue())).toEqual([['c1', 'general']]);
  });

  it('holds a returning customer for their busy last agent, who gets them ahead of a VIP', async () => {
    await h.acd.upsertQueue({
      id: 'q',
      stickiness: { lastServedWithinSeconds: 3600, holdSeconds: 30 },
      wrapUpSeconds: 0,
    });
    await h.acd.loginAgent({ id: 'last', queues: [{ queueId: 'q' }] });
    await h.acd.enqueue({ id: 'first', queueId: 'q' });
    await h.acd.accept('first', 'last');
    h.at(1);
    await h.acd.loginAgent({ id: 'other', queues: [{ queueId: 'q' }] }, { ready: false });
    h.at(2);
    const back = await h.acd.enqueue({
      id: 'back',
      queueId: 'q',
      lastAgentId: 'last',
      lastServedAt: h.clock.t - 600_000,
    });
    expect(back).toMatchObject({ kind: 'queued' });
    await h.acd.enqueue({ id: 'vip', queueId: 'q', vip: true });
    h.at(3);
    // 'other' becomes free: takes the VIP, not the held caller.
    expect(await h.acd.setAgentAvailable('other')).toMatchObject({ callId: 'vip' });
    h.at(10);
    const rel = await h.acd.release('last');
    expect(rel.offer).toMatchObject({ callId: 'back', agentId: 'last' });
    expect(rel.offer?.reason).toContain('held for this agent');
  });

  it('gives a held call to anyone qualified once the hold ends', async () => {
    await h.acd.upsertQueue({
      id: 'q',
      stickiness: { lastServedWithinSeconds: 3600, holdSeconds: 30 },
    });
    await h.acd.loginAgent({ id: 'last', queues: [{ queueId: 'q' }] });
    await h.acd.enqueue({ id: 'first', queueId: 'q' });
    await h.acd.accept('first', 'last');
    await h.acd.loginAgent({ id: 'other', queues: [{ queueId: 'q' }] });
    const back = await h.acd.enqueue({
      id: 'back',
      queueId: 'q',
      lastAgentId: 'last',
      lastServedAt: h.clock.t,
    });
    expect(back.kind === 'queued' && back.reason).toBe(
      'waiting for preferred agent last (busy) for 30 s more',
    );
    h.at(30);
    const events = await h.acd.overflowDue();
    expect(offers(events)).toEqual([['back', 'other']]);
  });

  it('does not hold a call for a preferred agent who lacks the skills it needs', async () => {
    await h.acd.upsertQueue({
      id: 'q',
      requirements: [{ skill: 'billing', min: 3 }],
      stickiness: { lastServedWithinSeconds: 3600, holdSeconds: 60 },
    });
    await h.acd.loginAgent({ id: 'last', skills: { billing: 1 }, queues: [{ queueId: 'q' }] });
    await h.acd.loginAgent(
      { id: 'able', skills: { billing: 3 }, queues: [{ queueId: 'q' }] },
      { ready: false },
    );
    // 'last' is busy ringing with another call when the customer comes back.
    expect(await h.acd.enqueue({ id: 'other', queueId: 'q', requirements: [] })).toMatchObject({
      offer: { agentId: 'last' },
    });
    expect(
      await h.acd.enqueue({ id: 'back', queueId: 'q', preferredAgentId: 'last' }),
    ).toMatchObject({
      kind: 'queued',
    });
    expect(await h.acd.setAgentAvailable('able')).toMatchObject({ callId: 'back' });
  });

  it('moves a call to the target queue after the overflow time, keeping its enqueue time', async () => {
    await h.acd.upsertQueue({
      id: 'sales',
      overflow: { afterSeconds: 60, target: { queueId: 'general' } },
    });
    await h.acd.upsertQueue({ id: 'general' });
    await h.acd.enqueue({ id: 'c1', queueId: 'sales' });
    await h.acd.loginAgent({ id: 'g', queues: [{ queueId: 'general' }] });
    h.at(60);
    const events = await h.acd.overflowDue();
    expect(events[0]).toEqual({
      type: 'overflow',
      callId: 'c1',
      fromQueueId: 'sales',
      toQueueId: 'general',
      reason: 'waited 60 s in queue sales ≥ 60 s: overflow to queue general',
    });
    expect(offers(events)).toEqual([['c1', 'g']]);
    const snap = await h.acd.snapshot();
    expect(snap.calls[0]).toMatchObject({ queueId: 'general', enqueuedAt: h.clock.t - 60_000 });
    expect((await h.acd.liveStats('sales')).overflowOut).toBe(1);
  });

  it('sends a call to the callback exit at once when no logged-in agent qualifies', async () => {
    await h.acd.upsertQueue({
      id: 'zh',
      requirements: [{ skill: 'zh-CN', min: 3 }],
      overflow: { whenNoQualifiedAgents: true, target: { exit: 'callback' } },
    });
    await h.acd.loginAgent({ id: 'en', skills: { en: 5 }, queues: [{ queueId: 'zh' }] });
    const out = await h.acd.enqueue({ id: 'c1', queueId: 'zh' });
    expect(out).toEqual({
      kind: 'exit',
      callId: 'c1',
      queueId: 'zh',
      exit: 'callback',
      reason: 'no logged-in agent of queue zh qualifies (zh-CN ≥ 3): exit to callback',
    });
  });

  it('overflows waiting callers when the last qualified agent logs out', async () => {
    await h.acd.upsertQueue({
      id: 'zh',
      requirements: [{ skill: 'zh-CN', min: 3 }],
      overflow: { whenNoQualifiedAgents: true, target: { queueId: 'general' } },
    });
    await h.acd.upsertQueue({ id: 'general' });
    await h.acd.loginAgent(
      { id: 'z', skills: { 'zh-CN': 4 }, queues: [{ queueId: 'zh' }] },
      { ready: false },
    );
    await h.acd.enqueue({ id: 'c1', queueId: 'zh' });
    await h.acd.logoutAgent('z');
    const events = await h.acd.overflowDue();
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'overflow', callId: 'c1', toQueueId: 'general' }),
    );
  });

  it('refuses callers beyond the maximum queue length with the callback exit', async () => {
    await h.acd.upsertQueue({ id: 'q', maxQueueLength: 2 });
    await h.acd.enqueue({ id: 'c1', queueId: 'q' });
    await h.acd.enqueue({ id: 'c2', queueId: 'q' });
    expect(await h.acd.enqueue({ id: 'c3', queueId: 'q' })).toMatchObject({
      kind: 'exit',
      exit: 'callback',
    });
    expect((await h.acd.liveStats('q')).refusedFull).toBe(1);
  });

  it('ends the wait at max wait with the configured exit', async () => {
    await h.acd.upsertQueue({ id: 'q', maxWaitSeconds: 120, maxWaitExit: 'voicemail' });
    await h.acd.enqueue({ id: 'c1', queueId: 'q' });
    h.at(120);
    expect(await h.acd.overflowDue()).toEqual([
      {
        type: 'exit',
        callId: 'c1',
        queueId: 'q',
        exit: 'voicemail',
        reason: 'waited 120 s ≥ max wait 120 s: exit to voicemail',
      },
    ]);
  });

  it('rotates round-robin offers and counts calls for fewest-calls', async () => {
    await h.acd.upsertQueue({ id: 'rr', strategy: 'round-robin', wrapUpSeconds: 0 });
    for (const id of ['x', 'y', 'z']) {
      await h.acd.loginAgent({ id, queues: [{ queueId: 'rr', rank: { x: 1, y: 2, z: 3 }[id] }] });
    }
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      h.at(i + 1);
      const out = await h.acd.enqueue({ id: `c${i}`, queueId: 'rr' });
      if (out.kind !== 'offer') throw new Error('expected an offer');
      order.push(out.offer.agentId);
      await h.acd.accept(out.offer.callId, out.offer.agentId);
      await h.acd.release(out.offer.agentId);
    }
    expect(order).toEqual(['x', 'y', 'z', 'x', 'y', 'z']);
  });

  it('offers to the agent with the fewest calls today', async () => {
    await h.acd.upsertQueue({ id: 'q', strategy: 'fewest-calls', wrapUpSeconds: 0 });
    await h.acd.loginAgent({ id: 'busy', queues: [{ queueId: 'q' }] });
    for (let i = 0; i < 2; i++) {
      const out = await h.acd.enqueue({ id: `w${i}`, queueId: 'q' });
      if (out.kind !== 'offer') throw new Error('expected an offer');
      await h.acd.accept(out.offer.callId, 'busy');
      await h.acd.release('busy');
    }
    h.at(100);
    await h.acd.loginAgent({ id: 'fresh', queues: [{ queueId: 'q' }] });
    const out = await h.acd.enqueue({ id: 'c', queueId: 'q' });
    expect(out).toMatchObject({ offer: { agentId: 'fresh' } });
    expect(out.kind === 'offer' && out.offer.reason).toBe('agent fresh: 0 calls today, idle 0 s');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoutingError } from '../../../routing/index.js';
import { harness, type Harness } from './harness.js';

// Each test gets its own key prefix: timers (tick) see only that test's state.
let h: Harness;
beforeEach(() => {
  h = harness('acd_store');
});
afterEach(() => h.drop());

function ids() {
  return { q: 'q1', a: (i: number) => `a${i}`, c: (i: number) => `c${i}` };
}

describe('AcdStore on Redis: the basic call path', () => {
  it('offers an arriving call to the longest-idle qualified agent and records why', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q, requirements: [{ skill: 'billing', min: 2 }] });
    await h.acd.loginAgent({ id: a(1), skills: { billing: 1 }, queues: [{ queueId: q }] });
    h.at(5);
    await h.acd.loginAgent({ id: a(2), skills: { billing: 4 }, queues: [{ queueId: q }] });
    h.at(8);
    await h.acd.loginAgent({ id: a(3), skills: { billing: 2 }, queues: [{ queueId: q }] });
    h.at(20);
    const out = await h.acd.enqueue({ id: c(1), queueId: q });
    expect(out).toEqual({
      kind: 'offer',
      offer: {
        callId: c(1),
        agentId: a(2),
        queueId: q,
        deadline: h.clock.t + 20_000,
        attempt: 1,
        reason: `agent ${a(2)}: skill billing 4, idle 15 s`,
        explanation: {
          kind: 'agent',
          agentId: a(2),
          skills: [{ skill: 'billing', level: 4, min: 2 }],
          metric: { strategy: 'longest-idle', idleSeconds: 15 },
          notes: [],
        },
      },
    });
    const snap = await h.acd.snapshot();
    expect(snap.agents.find((x) => x.id === a(2))).toMatchObject({
      state: 'reserved',
      callId: c(1),
    });
    expect(snap.calls.find((x) => x.id === c(1))).toMatchObject({
      state: 'offered',
      agentId: a(2),
      reason: out.kind === 'offer' ? out.offer.reason : '',
    });
  });

  it('queues a call when nobody is free and gives it to the next agent who becomes free', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q, wrapUpSeconds: 10 });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    const first = await h.acd.enqueue({ id: c(1), queueId: q });
    expect(first.kind).toBe('offer');
    await h.acd.accept(c(1), a(1));
    const second = await h.acd.enqueue({ id: c(2), queueId: q });
    expect(second).toMatchObject({
      kind: 'queued',
      position: 1,
      reason: `no free agent in queue ${q}`,
    });
    h.at(100);
    const rel = await h.acd.release(a(1));
    expect(rel).toMatchObject({
      callId: c(1),
      talkSeconds: 100,
      wrapUpUntil: h.clock.t + 10_000,
      offer: null,
    });
    h.at(110);
    const tick = await h.acd.tick();
    expect(tick.failures).toEqual([]);
    const offer = tick.events.find((e) => e.type === 'offer');
    expect(offer).toMatchObject({ type: 'offer', offer: { callId: c(2), agentId: a(1) } });
    // The agent, free again, took the waiting call: the why says so, in words and as data.
    expect(offer?.type === 'offer' && offer.offer.explanation).toMatchObject({
      kind: 'call',
      callId: c(2),
      agentId: a(1),
      waitedSeconds: 110,
      eligibleCalls: 1,
    });
    expect(offer?.type === 'offer' && offer.offer.reason).toMatch(
      new RegExp(
        `^call ${c(2)} from queue ${q} for agent ${a(1)}: priority .*, waited 110 s, first of 1 eligible call`,
      ),
    );
  });

  it('refuses to release an agent who is not on a call, naming the allowed moves', async () => {
    const { q, a } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    const err = await h.acd.release(a(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutingError);
    expect(err).toMatchObject({
      code: 'illegal_agent_transition',
      details: { from: 'available', to: 'wrap_up' },
    });
  });

  it('refuses an accept by an agent the call is not ringing at', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.loginAgent({ id: a(2), queues: [{ queueId: q }] }, { ready: false });
    await h.acd.enqueue({ id: c(1), queueId: q });
    await expect(h.acd.accept(c(1), a(2))).rejects.toMatchObject({ code: 'not_offered' });
  });

  it('refuses a second call with the same id', async () => {
    const { q, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.enqueue({ id: c(1), queueId: q });
    await expect(h.acd.enqueue({ id: c(1), queueId: q })).rejects.toMatchObject({
      code: 'call_exists',
    });
  });

  it('refuses a call for a queue that is not configured', async () => {
    await expect(h.acd.enqueue({ id: 'cx', queueId: 'nowhere' })).rejects.toMatchObject({
      code: 'unknown_queue',
    });
  });
});

describe('AcdStore on Redis: rejects, timeouts and auto-pause', () => {
  it('returns a rejected call to its place with its enqueue time and offers it to another agent', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    h.at(1);
    await h.acd.loginAgent({ id: a(2), queues: [{ queueId: q }] });
    h.at(2);
    const o = await h.acd.enqueue({ id: c(1), queueId: q });
    expect(o).toMatchObject({ offer: { agentId: a(1) } });
    h.at(5);
    const r = await h.acd.reject(c(1), a(1), 'on a break');
    expect(r.callOffer).toMatchObject({ callId: c(1), agentId: a(2), attempt: 2 });
    expect(r.agentState).toBe('available');
    expect(r.agentOffer).toBeNull();
    const snap = await h.acd.snapshot();
    expect(snap.calls.find((x) => x.id === c(1))?.enqueuedAt).toBe(h.clock.t - 3000);
  });

  it('pauses an agent with reason "no answer" after the configured consecutive misses', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q, ringTimeoutSeconds: 10, declineCooldownSeconds: 0 });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q });
    const events = [];
    for (let i = 1; i <= 3; i++) {
      h.at(i * 11);
      events.push(...(await h.acd.expireOffers()));
    }
    const expired = events.filter((e) => e.type === 'offer_expired');
    expect(expired.map((e) => e.type === 'offer_expired' && e.agentState)).toEqual([
      'available',
      'available',
      'paused',
    ]);
    expect(events).toContainEqual({ type: 'agent_paused', agentId: a(1), reason: 'no answer' });
    const snap = await h.acd.snapshot();
    expect(snap.agents.find((x) => x.id === a(1))).toMatchObject({
      state: 'paused',
      reason: 'no answer',
    });
    expect(snap.calls.find((x) => x.id === c(1))).toMatchObject({ state: 'waiting' });
  });

  it('puts a call whose ring timed out back ahead of callers who came later', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q, ringTimeoutSeconds: 10 });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q, tier: 'x' });
    h.at(5);
    await h.acd.enqueue({ id: c(2), queueId: q });
    h.at(6);
    await h.acd.enqueue({ id: c(3), queueId: q });
    h.at(11);
    const events = await h.acd.expireOffers();
    expect(events[0]).toMatchObject({ type: 'offer_expired', callId: c(1), agentId: a(1) });
    // The agent who missed it takes the next caller instead (it declined c1 for a while).
    expect(events[1]).toMatchObject({ type: 'offer', offer: { callId: c(2), agentId: a(1) } });
    const snap = await h.acd.snapshot();
    expect(snap.queues[0]?.waiting).toEqual([c(1), c(3)]);
    expect(snap.calls.find((x) => x.id === c(1))).toMatchObject({
      enqueuedAt: h.clock.t - 11_000,
      attempt: 1,
    });
    expect(await h.acd.position(c(1))).toBe(1);
  });

  it('resets the miss count when the agent answers', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({
      id: q,
      ringTimeoutSeconds: 10,
      declineCooldownSeconds: 0,
      wrapUpSeconds: 0,
    });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q });
    h.at(11);
    await h.acd.expireOffers();
    h.at(22);
    await h.acd.expireOffers();
    await h.acd.accept(c(1), a(1));
    expect((await h.acd.snapshot()).agents.find((x) => x.id === a(1))?.missed).toBe(0);
  });
});

describe('AcdStore on Redis: hang-ups, pauses and logouts', () => {
  it('counts a caller who hangs up while waiting as abandoned and forgets the call', async () => {
    const { q, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.enqueue({ id: c(1), queueId: q });
    h.at(30);
    await h.acd.dequeue(c(1), 'abandoned');
    const st = await h.acd.liveStats(q);
    expect(st).toMatchObject({ waiting: 0, abandoned: 1, abandonedWithinSl: 0 });
    expect((await h.acd.snapshot()).calls).toEqual([]);
  });

  it('frees the agent a hung-up call was ringing at and gives them the next call', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q });
    await h.acd.enqueue({ id: c(2), queueId: q });
    const r = await h.acd.dequeue(c(1), 'abandoned');
    expect(r.agentOffer).toMatchObject({ callId: c(2), agentId: a(1) });
  });

  it('releases the agent when a connected call hangs up', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q, wrapUpSeconds: 15 });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q });
    await h.acd.accept(c(1), a(1));
    h.at(40);
    const r = await h.acd.dequeue(c(1), 'abandoned');
    expect(r.released).toMatchObject({
      callId: c(1),
      talkSeconds: 40,
      wrapUpUntil: h.clock.t + 15_000,
    });
    expect((await h.acd.liveStats(q)).abandoned).toBe(0);
  });

  it('sends a call ringing at an agent who pauses back to its place and on to another agent', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    h.at(1);
    await h.acd.loginAgent({ id: a(2), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q });
    const r = await h.acd.pauseAgent(a(1), 'lunch');
    expect(r.requeued).toMatchObject({ kind: 'offer', offer: { callId: c(1), agentId: a(2) } });
    const snap = await h.acd.snapshot();
    expect(snap.agents.find((x) => x.id === a(1))).toMatchObject({
      state: 'paused',
      reason: 'lunch',
      missed: 0,
    });
  });

  it('keeps the call of an agent who logs out while it rings', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await h.acd.enqueue({ id: c(1), queueId: q });
    const r = await h.acd.logoutAgent(a(1));
    expect(r.requeued).toMatchObject({ kind: 'queued', callId: c(1) });
    const snap = await h.acd.snapshot();
    expect(snap.queues[0]).toMatchObject({ waiting: [c(1)], members: [] });
    expect(snap.agents[0]).toMatchObject({ state: 'logged_out' });
  });

  it('refuses to log in an agent twice and to pause a logged-out agent', async () => {
    const { q, a } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] });
    await expect(h.acd.loginAgent({ id: a(1), queues: [{ queueId: q }] })).rejects.toMatchObject({
      code: 'illegal_agent_transition',
      details: { from: 'available', to: 'available' },
    });
    await h.acd.logoutAgent(a(1));
    await expect(h.acd.pauseAgent(a(1), 'lunch')).rejects.toMatchObject({
      code: 'illegal_agent_transition',
    });
  });

  it('lets a paused agent become available and take the waiting call', async () => {
    const { q, a, c } = ids();
    await h.acd.upsertQueue({ id: q });
    await h.acd.loginAgent(
      { id: a(1), queues: [{ queueId: q }] },
      { ready: false, pauseReason: 'training' },
    );
    expect((await h.acd.enqueue({ id: c(1), queueId: q })).kind).toBe('queued');
    expect(await h.acd.setAgentAvailable(a(1))).toMatchObject({ callId: c(1), agentId: a(1) });
  });

  it('matches an agent again after a profile change gives them a new queue', async () => {
    await h.acd.upsertQueue({ id: 'q1' });
    await h.acd.upsertQueue({ id: 'q2' });
    await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q1' }] });
    await h.acd.enqueue({ id: 'c1', queueId: 'q2' });
    const offer = await h.acd.updateAgent({
      id: 'a1',
      queues: [{ queueId: 'q1' }, { queueId: 'q2' }],
    });
    expect(offer).toMatchObject({ callId: 'c1', agentId: 'a1', queueId: 'q2' });
  });
});

import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAcdStore,
  IoredisScriptRunner,
  startAcdTicker,
} from '../../../server/wiring/routing.js';
import { createTestRedis } from '../../support/redis.js';

const db = createTestRedis('acd_recovery');
afterAll(() => db.drop());

let t = 1_764_000_000_000;
const acd = createAcdStore(db.redis, { prefix: db.prefix, now: () => t });

async function flushPrefix() {
  let cursor = '0';
  do {
    const [next, keys] = await db.redis.scan(cursor, 'MATCH', `${db.prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await db.redis.del(...keys);
  } while (cursor !== '0');
}

const queues = [{ id: 'billing', wrapUpSeconds: 0, ringTimeoutSeconds: 15 }];
const profile = (id: string) => ({ id, skills: { billing: 3 }, queues: [{ queueId: 'billing' }] });

describe('recovery after Redis lost the routing state', () => {
  it('rebuilds agents and calls from the CRM and the telephony layer without dropping a caller', async () => {
    await acd.upsertQueue(queues[0]);
    for (const id of ['a1', 'a2', 'a3']) await acd.loginAgent(profile(id));
    await acd.enqueue({ id: 'c1', queueId: 'billing' });
    await acd.accept('c1', 'a1');
    t += 1000;
    await acd.enqueue({ id: 'c2', queueId: 'billing' });
    t += 1000;
    await acd.enqueue({ id: 'c3', queueId: 'billing' });
    await acd.pauseAgent('a3', 'lunch');
    t += 60_000;

    await flushPrefix();
    expect(await db.redis.keys(`${db.prefix}*`)).toEqual([]);

    const base = 1_764_000_000_000;
    const r = await acd.rebuild({
      queues,
      agents: [
        { profile: profile('a1'), state: 'on_call' },
        { profile: profile('a2'), state: 'reserved' },
        { profile: profile('a3'), state: 'paused', pauseReason: 'lunch' },
        { profile: profile('a4'), state: 'available' },
      ],
      liveCalls: [
        {
          call: { id: 'c1', queueId: 'billing', enqueuedAt: base },
          state: 'connected',
          agentId: 'a1',
          answeredAt: base,
        },
        {
          call: { id: 'c2', queueId: 'billing', enqueuedAt: base + 1000 },
          state: 'ringing',
          agentId: 'a2',
        },
        { call: { id: 'c4', queueId: 'billing', enqueuedAt: base + 30_000 }, state: 'waiting' },
        { call: { id: 'c3', queueId: 'billing', enqueuedAt: base + 2000 }, state: 'waiting' },
      ],
    });
    expect(r).toMatchObject({ queues: 1, agents: 4, restored: 2 });
    // The caller who has waited longest goes to the only available agent; the other keeps waiting.
    expect(r.offers).toEqual([expect.objectContaining({ callId: 'c3', agentId: 'a4' })]);

    const snap = await acd.snapshot();
    const state = Object.fromEntries(
      snap.agents.map((a) => [a.id, [a.state, a.callId ?? a.reason]]),
    );
    expect(state).toEqual({
      a1: ['on_call', 'c1'],
      a2: ['reserved', 'c2'],
      a3: ['paused', 'lunch'],
      a4: ['reserved', 'c3'],
    });
    expect(snap.queues[0]?.waiting).toEqual(['c4']);
    expect(snap.calls.find((c) => c.id === 'c4')?.enqueuedAt).toBe(base + 30_000);

    // The restored state works: the ringing offer can be answered, the connected call released.
    await acd.accept('c2', 'a2');
    const rel = await acd.release('a1');
    expect(rel).toMatchObject({ callId: 'c1', talkSeconds: (t - base) / 1000 });
    expect(rel.offer).toMatchObject({ callId: 'c4', agentId: 'a1' });
  });

  it('expires a restored ringing offer on its fresh deadline', async () => {
    t += 16_000;
    const events = await acd.expireOffers();
    expect(
      events
        .filter((e) => e.type === 'offer_expired')
        .map((e) => e.type === 'offer_expired' && e.callId),
    ).toContain('c3');
  });

  it('runs scripts after Redis forgot them (NOSCRIPT → EVAL)', async () => {
    const runner = new IoredisScriptRunner(db.redis);
    const script = {
      name: 'probe',
      source: `-- probe ${Date.now()} ${Math.random()}\nreturn ARGV[1] .. KEYS[1]`,
    };
    const sha = createHash('sha1').update(script.source).digest('hex');
    expect(await db.redis.script('EXISTS', sha)).toEqual([0]);
    expect(await runner.run(script, [`${db.prefix}k`], ['x'])).toBe(`x${db.prefix}k`);
    expect(await db.redis.script('EXISTS', sha)).toEqual([1]);
    expect(await runner.run(script, [`${db.prefix}k`], ['y'])).toBe(`y${db.prefix}k`);
  });
});

describe('recovery keeps the orders given during calls', () => {
  it('pauses or logs out an agent after the restored call, or at once when the call is gone', async () => {
    const local = createTestRedis('acd_recovery_orders');
    let now = 1_764_000_000_000;
    const store = createAcdStore(local.redis, { prefix: local.prefix, now: () => now });
    const r = await store.rebuild({
      queues,
      agents: [
        {
          profile: profile('b1'),
          state: 'on_call',
          afterCall: { state: 'paused', reason: 'coaching' },
        },
        {
          profile: profile('b2'),
          state: 'on_call',
          afterCall: { state: 'logged_out', reason: '' },
        },
        // Its call ended while Redis was down: the order takes effect now.
        {
          profile: profile('b3'),
          state: 'on_call',
          afterCall: { state: 'paused', reason: 'break' },
        },
        { profile: profile('b4'), state: 'available' },
      ],
      liveCalls: [
        {
          call: { id: 'd1', queueId: 'billing' },
          state: 'connected',
          agentId: 'b1',
          answeredAt: now,
        },
        {
          call: { id: 'd2', queueId: 'billing' },
          state: 'connected',
          agentId: 'b2',
          answeredAt: now,
        },
        { call: { id: 'd3', queueId: 'billing' }, state: 'waiting' },
      ],
    });
    // The waiting caller goes to the one agent with no order, not to b3.
    expect(r.offers).toEqual([expect.objectContaining({ callId: 'd3', agentId: 'b4' })]);
    const agentsNow = async () =>
      Object.fromEntries(
        (await store.snapshot()).agents.map((a) => [a.id, [a.state, a.afterCall?.state ?? null]]),
      );
    expect(await agentsNow()).toMatchObject({
      b1: ['on_call', 'paused'],
      b2: ['on_call', 'logged_out'],
      b3: ['paused', null],
    });

    now += 30_000;
    await store.release('b1');
    await store.release('b2');
    const after = await agentsNow();
    expect(after.b1).toEqual(['paused', null]);
    expect(after.b2?.[0] ?? 'logged_out').toBe('logged_out');
    await local.drop();
  });
});

describe('the ACD ticker', () => {
  it('runs the timers of every node and reports the offers they make', async () => {
    const local = createTestRedis('acd_ticker');
    let now = 1_764_000_000_000;
    const store = createAcdStore(local.redis, { prefix: local.prefix, now: () => now });
    await store.upsertQueue({ id: 'q', wrapUpSeconds: 5 });
    await store.loginAgent(profile2('a'));
    await store.enqueue({ id: 'c1', queueId: 'q' });
    await store.accept('c1', 'a');
    await store.enqueue({ id: 'c2', queueId: 'q' });
    await store.release('a');
    now += 5000;
    const seen = await new Promise<string[]>((resolve, reject) => {
      const ticker = startAcdTicker(store, {
        intervalMs: 10,
        onEvents: (events) => {
          void ticker.stop().then(() => resolve(events.map((e) => e.type)));
        },
        onError: reject,
      });
    });
    expect(seen).toEqual(['offer']);
    await local.drop();
  });
});

function profile2(id: string) {
  return { id, queues: [{ queueId: 'q' }] };
}

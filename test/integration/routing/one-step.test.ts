import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AcdStore,
  RoutingError,
  chooseAgent,
  createRandom,
  toRoutedCall,
  parseQueueConfig,
  type AgentCandidate,
  type LuaScript,
  type QueueConfigInput,
  type ScriptRunner,
} from '../../../routing/index.js';
import { IoredisScriptRunner } from '../../../server/wiring/routing.js';
import { harness, T0, type Harness } from './harness.js';

let h: Harness;
let scripts: string[];
let acd: AcdStore;
beforeEach(() => {
  h = harness('acd_onestep');
  scripts = [];
  const inner = new IoredisScriptRunner(h.db.redis);
  const counting: ScriptRunner = {
    run(script: LuaScript, keys, args) {
      scripts.push(script.name);
      return inner.run(script, keys, args);
    },
  };
  acd = new AcdStore(counting, { prefix: h.db.prefix, now: () => h.clock.t });
});
afterEach(() => h.drop());

describe('an arriving call in one round trip', () => {
  it('reserves the agent chooseAgent picks with one script, and tells the same reason', async () => {
    await acd.upsertQueue({ id: 'q', requirements: [{ skill: 'billing', min: 2 }] });
    await acd.loginAgent({ id: 'a1', skills: { billing: 1 }, queues: [{ queueId: 'q' }] });
    h.at(5);
    await acd.loginAgent({ id: 'a2', skills: { billing: 3 }, queues: [{ queueId: 'q' }] });
    h.at(30);
    scripts.length = 0;
    const out = await acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(scripts).toEqual(['enqueue']);
    expect(out).toMatchObject({
      kind: 'offer',
      offer: {
        agentId: 'a2',
        attempt: 1,
        reason: 'agent a2: skill billing 3, idle 25 s',
        explanation: {
          kind: 'agent',
          agentId: 'a2',
          skills: [{ skill: 'billing', level: 3, min: 2 }],
          metric: { strategy: 'longest-idle', idleSeconds: 25 },
          notes: [],
        },
      },
    });
    const snap = await acd.snapshot();
    expect(snap.calls).toMatchObject([
      { id: 'c1', state: 'offered', agentId: 'a2', reason: 'agent a2: skill billing 3, idle 25 s' },
    ]);
    expect(snap.agents.find((a) => a.id === 'a2')).toMatchObject({ state: 'reserved' });
    expect(snap.queues[0]?.free).toEqual(['a1']);
    // The offered call goes on like any other: accepted, released.
    await acd.accept('c1', 'a2');
    expect((await acd.liveStats('q')).answered).toBe(1);
  });

  it('queues a call in one script when nobody is free, with the core’s reason', async () => {
    await acd.upsertQueue({ id: 'q', requirements: [{ skill: 'billing', min: 2 }] });
    scripts.length = 0;
    const out = await acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(scripts).toEqual(['enqueue']);
    expect(out).toEqual({
      kind: 'queued',
      callId: 'c1',
      queueId: 'q',
      position: 1,
      reason: 'no free agent in queue q; needs billing ≥ 2',
    });
    // An agent becoming free finds it.
    const offer = await acd.loginAgent({
      id: 'a1',
      skills: { billing: 2 },
      queues: [{ queueId: 'q' }],
    });
    expect(offer).toMatchObject({ callId: 'c1', agentId: 'a1' });
  });

  it('looks at the whole free set in one script: a late qualified agent, or nobody', async () => {
    await acd.upsertQueue({ id: 'q', requirements: [{ skill: 'billing', min: 2 }] });
    for (let i = 0; i < 60; i++) {
      h.at(i);
      const id = `a${String(i).padStart(2, '0')}`;
      await acd.loginAgent({ id, skills: { billing: 1 }, queues: [{ queueId: 'q' }] });
    }
    scripts.length = 0;
    const waits = await acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(scripts).toEqual(['enqueue']);
    const reason = 'none of the free agents of queue q qualifies; needs billing ≥ 2';
    expect(waits).toEqual({ kind: 'queued', callId: 'c1', queueId: 'q', position: 1, reason });
    expect((await acd.snapshot()).calls).toMatchObject([{ id: 'c1', reason }]);
    await acd.dequeue('c1', 'cancelled');
    // The longest idle qualified agent is the 61st in the free set's order.
    h.at(100);
    await acd.loginAgent({ id: 'z1', skills: { billing: 3 }, queues: [{ queueId: 'q' }] });
    scripts.length = 0;
    const out = await acd.enqueue({ id: 'c2', queueId: 'q' });
    expect(scripts).toEqual(['enqueue']);
    expect(out).toMatchObject({ kind: 'offer', offer: { agentId: 'z1' } });
  });

  it('follows the core on skills, VIP group and strategy order across many arrivals', async () => {
    const rand = createRandom(11).next;
    const configs: QueueConfigInput[] = [
      { id: 'plain' },
      { id: 'skill', requirements: [{ skill: 'zh', min: 3 }] },
      { id: 'vip', vip: { agentGroup: 'vip', overflowAfterSeconds: 30 } },
      { id: 'fewest', strategy: 'fewest-calls', requirements: [{ skill: 'billing', min: 2 }] },
      { id: 'ranked', strategy: 'ranked' },
    ];
    for (const q of configs) await acd.upsertQueue(q);
    const free = new Map<string, AgentCandidate & { queues: string[] }>();
    for (let i = 0; i < 40; i++) {
      h.at(i);
      const skills = { zh: 1 + Math.floor(rand() * 5), billing: 1 + Math.floor(rand() * 5) };
      const groups = rand() < 0.25 ? ['vip'] : [];
      const queues = configs.map((q) => q.id).filter(() => rand() < 0.6);
      const ranks = queues.map((queueId) => ({ queueId, rank: 1 + Math.floor(rand() * 3) }));
      await acd.loginAgent({ id: `a${String(i).padStart(2, '0')}`, skills, groups, queues: ranks });
      free.set(`a${String(i).padStart(2, '0')}`, {
        id: `a${String(i).padStart(2, '0')}`,
        skills,
        groups,
        rank: 1,
        idleSince: T0 + i * 1000,
        callsToday: 0,
        talkSecondsToday: 0,
        lastOfferedAt: 0,
        queues,
      });
      const ranked = ranks.find((r) => r.queueId === 'ranked');
      if (ranked) free.get(`a${String(i).padStart(2, '0')}`)!.rank = ranked.rank;
    }
    h.at(100);
    let offers = 0;
    for (let n = 0; n < 30; n++) {
      const input = configs[Math.floor(rand() * configs.length)]!;
      const queue = parseQueueConfig(input);
      const call = { id: `c${n}`, queueId: queue.id, vip: rand() < 0.5 };
      const candidates = [...free.values()]
        .filter((a) => a.queues.includes(queue.id))
        .map((a) => ({ ...a, rank: queue.id === 'ranked' ? a.rank : 1 }));
      const expected = chooseAgent({
        call: toRoutedCall(call, queue, h.clock.t),
        queue,
        candidates,
        now: h.clock.t,
        sticky: 'away',
      });
      scripts.length = 0;
      const out = await acd.enqueue(call);
      if (expected.agent) {
        expect(scripts).toEqual(['enqueue']);
        expect(out).toMatchObject({ kind: 'offer', offer: { agentId: expected.agent.id } });
        expect(out.kind === 'offer' && out.offer.reason).toBe(expected.reason);
        expect(out.kind === 'offer' && out.offer.explanation).toEqual(expected.explanation);
        free.delete(expected.agent.id);
        offers++;
      } else {
        expect(out.kind).toBe('queued');
        await acd.dequeue(call.id, 'cancelled');
      }
    }
    expect(offers).toBeGreaterThan(15);
  });

  it('keeps the skills Redis checks in step with the profile', async () => {
    await acd.upsertQueue({ id: 'q', requirements: [{ skill: 'zh', min: 3 }] });
    await acd.loginAgent({ id: 'a1', skills: { zh: 4 }, queues: [{ queueId: 'q' }] });
    await acd.updateAgent({ id: 'a1', skills: { en: 5 }, queues: [{ queueId: 'q' }] });
    expect(await acd.enqueue({ id: 'c1', queueId: 'q' })).toMatchObject({ kind: 'queued' });
    await acd.dequeue('c1', 'cancelled');
    await acd.updateAgent({ id: 'a1', skills: { zh: 3 }, queues: [{ queueId: 'q' }] });
    expect(await acd.enqueue({ id: 'c2', queueId: 'q' })).toMatchObject({
      kind: 'offer',
      offer: { agentId: 'a1' },
    });
  });
});

describe('release, idempotent', () => {
  async function connected(callId = 'c1') {
    await acd.upsertQueue({ id: 'q', wrapUpSeconds: 10 });
    await acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q' }] });
    await acd.enqueue({ id: callId, queueId: 'q' });
    await acd.accept(callId, 'a1');
  }

  it('answers a second release of the same call like the first, counting it once', async () => {
    await connected();
    h.at(60);
    const first = await acd.release('a1', 'c1');
    h.at(61);
    const again = await acd.release('a1', 'c1');
    const bare = await acd.release('a1');
    expect(first).toMatchObject({ callId: 'c1', talkSeconds: 60, offer: null });
    expect(first.alreadyReleased).toBeUndefined();
    for (const r of [again, bare]) {
      expect(r).toEqual({ ...first, alreadyReleased: true });
    }
    expect((await acd.liveStats('q')).handled).toBe(1);
  });

  it('never releases the agent’s next call for a late release of the previous one', async () => {
    await connected();
    await acd.dequeue('c1', 'abandoned'); // the caller hung up: released in the same step
    await acd.endWrapUp('a1');
    await acd.enqueue({ id: 'c2', queueId: 'q' });
    await acd.accept('c2', 'a1');
    const late = await acd.release('a1', 'c1');
    expect(late).toMatchObject({ callId: 'c1', alreadyReleased: true });
    expect((await acd.snapshot()).agents[0]).toMatchObject({ state: 'on_call', callId: 'c2' });
  });

  it('refuses cleanly a call the agent is not on, and an agent who never had one', async () => {
    await connected();
    const err = await acd.release('a1', 'c9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutingError);
    expect(err).toMatchObject({ code: 'not_on_call', status: 409 });
    await acd.loginAgent({ id: 'a2', queues: [{ queueId: 'q' }] });
    await expect(acd.release('a2')).rejects.toMatchObject({ code: 'illegal_agent_transition' });
  });

  it('survives both legs hanging up at once on two nodes', async () => {
    await connected();
    const other = h.node();
    const [byCaller, byAgent] = await Promise.all([
      // A caller hanging up after the release finds the call gone (the telephony port ignores it).
      other.dequeue('c1', 'abandoned').catch((err: unknown) => {
        expect(err).toMatchObject({ code: 'unknown_call' });
        return null;
      }),
      acd.release('a1', 'c1'),
    ]);
    const releases = [byCaller?.released, byAgent].filter((r) => r && !r.alreadyReleased);
    expect(releases).toHaveLength(1);
    expect((await acd.liveStats('q')).handled).toBe(1);
  });
});

describe('no optimistic retries for arrivals', () => {
  it('enqueues hundreds of racing calls on four nodes without a conflict', async () => {
    const nodes = [acd, h.node(), h.node(), h.node()];
    await acd.upsertQueue({ id: 'q', wrapUpSeconds: 0, requirements: [{ skill: 's', min: 2 }] });
    for (let i = 0; i < 20; i++) {
      await acd.loginAgent({ id: `a${i}`, skills: { s: 2 + (i % 3) }, queues: [{ queueId: 'q' }] });
    }
    let n = 0;
    const errors: unknown[] = [];
    await Promise.all(
      nodes.map(async (node) => {
        for (let i = 0; i < 100; i++) {
          const id = `c${n++}`;
          try {
            const out = await node.enqueue({ id, queueId: 'q' });
            if (out.kind === 'offer') {
              await node.accept(id, out.offer.agentId);
              await node.release(out.offer.agentId, id);
            } else if (out.kind === 'queued') await node.dequeue(id, 'cancelled');
          } catch (err) {
            errors.push(err);
          }
        }
      }),
    );
    expect(errors).toEqual([]);
  });
});

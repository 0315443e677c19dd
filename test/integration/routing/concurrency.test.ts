import { afterAll, describe, expect, it } from 'vitest';
import { RoutingError, createRandom, type AcdStore, type Offer } from '../../../routing/index.js';
import { createAcdStore } from '../../../server/wiring/routing.js';
import { createTestRedis } from '../../support/redis.js';

const db = createTestRedis('acd_race');
afterAll(() => db.drop());

const EXPECTED_RACES = new Set(['illegal_agent_transition', 'not_offered', 'unknown_call']);

/** A seeded generator so that a failing run can be replayed. */

describe('several nodes sharing one Redis', () => {
  it('never reserves an agent for two calls nor offers a call to two agents', async () => {
    const nodes: AcdStore[] = [0, 1, 2, 3].map(() =>
      createAcdStore(db.connect(), {
        prefix: db.prefix,
        journal: true,
        pageSize: 4,
        maxMissedOffers: 0,
      }),
    );
    const [first] = nodes;
    const queues = ['q0', 'q1', 'q2'];
    for (const id of queues)
      await first!.upsertQueue({
        id,
        ringTimeoutSeconds: 1,
        wrapUpSeconds: 0,
        declineCooldownSeconds: 0,
      });
    const agents = Array.from({ length: 24 }, (_, i) => `a${i}`);
    for (const [i, id] of agents.entries()) {
      await first!.loginAgent({
        id,
        skills: { billing: (i % 5) + 1 },
        queues: queues
          .filter((_, k) => (i + k) % 2 === 0 || k === i % 3)
          .map((queueId) => ({ queueId })),
      });
    }

    const offers: Offer[] = [];
    const races = new Map<string, number>();
    let callNo = 0;
    let ops = 0;
    const note = (err: unknown) => {
      if (err instanceof RoutingError && EXPECTED_RACES.has(err.code)) {
        races.set(err.code, (races.get(err.code) ?? 0) + 1);
        return;
      }
      throw err;
    };
    const worker = async (node: AcdStore, seed: number) => {
      const rand = createRandom(seed).next;
      for (let i = 0; i < 150; i++) {
        ops++;
        const r = rand();
        try {
          if (r < 0.35) {
            const out = await node.enqueue({
              id: `c${++callNo}`,
              queueId: queues[Math.floor(rand() * queues.length)]!,
              tier: rand() < 0.2 ? 'gold' : undefined,
              requirements: rand() < 0.3 ? [{ skill: 'billing', min: 3 }] : undefined,
            });
            if (out.kind === 'offer') offers.push(out.offer);
          } else if (r < 0.55 && offers.length) {
            const o = offers.splice(Math.floor(rand() * offers.length), 1)[0]!;
            if (rand() < 0.7) {
              await node.accept(o.callId, o.agentId);
              await node.release(o.agentId);
            } else {
              const next = await node.reject(o.callId, o.agentId, 'race test');
              if (next.callOffer) offers.push(next.callOffer);
              if (next.agentOffer) offers.push(next.agentOffer);
            }
          } else if (r < 0.65) {
            const a = agents[Math.floor(rand() * agents.length)]!;
            const back = await node.pauseAgent(a, 'race');
            if (back.requeued?.kind === 'offer') offers.push(back.requeued.offer);
          } else if (r < 0.8) {
            const o = await node.setAgentAvailable(agents[Math.floor(rand() * agents.length)]!);
            if (o) offers.push(o);
          } else if (r < 0.88) {
            const d = await node.dequeue(`c${1 + Math.floor(rand() * callNo)}`, 'abandoned');
            if (d.agentOffer) offers.push(d.agentOffer);
          } else {
            const t = await node.tick();
            expect(t.failures).toEqual([]);
            for (const e of t.events) if (e.type === 'offer') offers.push(e.offer);
          }
        } catch (err) {
          note(err);
        }
      }
    };
    await Promise.all(
      nodes.flatMap((node, n) => [0, 1, 2].map((k) => worker(node, 1000 + n * 10 + k))),
    );

    const verdict = await first!.auditJournal();
    expect(verdict.violations).toEqual([]);
    expect(verdict.reservations).toBeGreaterThan(100);
    expect(ops).toBe(4 * 3 * 150);

    // The final state agrees with itself: agents and calls point at each other.
    const snap = await first!.snapshot();
    const callById = new Map(snap.calls.map((c) => [c.id, c]));
    for (const a of snap.agents) {
      if (a.state === 'reserved' || a.state === 'on_call') {
        const c = callById.get(a.callId ?? '');
        expect(c?.agentId).toBe(a.id);
        expect(c?.state).toBe(a.state === 'reserved' ? 'offered' : 'on_call');
      } else {
        expect(a.callId).toBeNull();
      }
    }
    for (const q of snap.queues) {
      for (const id of q.free) {
        expect(snap.agents.find((a) => a.id === id)).toMatchObject({
          state: 'available',
          free: true,
        });
      }
      for (const id of q.waiting) expect(callById.get(id)?.state).toBe('waiting');
    }
  });

  it('loses no wake-up: racing arrivals and agents becoming free never leave both waiting', async () => {
    const prefix = `${db.prefix}wake:`;
    const nodes = [0, 1, 2, 3].map(() => createAcdStore(db.connect(), { prefix }));
    await nodes[0]!.upsertQueue({ id: 'q', wrapUpSeconds: 0 });
    const agents = Array.from({ length: 8 }, (_, i) => `w${i}`);
    for (const id of agents)
      await nodes[0]!.loginAgent({ id, queues: [{ queueId: 'q' }] }, { ready: false });
    let c = 0;
    for (let round = 0; round < 15; round++) {
      // Half the nodes bring callers while the other half free agents, at the same moment.
      const offers = await Promise.all([
        ...agents.map((id, i) =>
          nodes[i % 2]!.setAgentAvailable(id).catch((e: unknown) => (note(e), null)),
        ),
        ...agents.map((_, i) => nodes[2 + (i % 2)]!.enqueue({ id: `k${++c}`, queueId: 'q' })),
      ]);
      const snap = await nodes[0]!.snapshot();
      const q = snap.queues.find((x) => x.id === 'q')!;
      expect(q.waiting.length === 0 || q.free.length === 0).toBe(true);
      // Finish every offered call and pause everyone for the next round.
      for (const call of snap.calls) {
        if (call.state === 'offered') {
          await nodes[0]!.accept(call.id, call.agentId!);
          await nodes[0]!.release(call.agentId!);
        }
      }
      for (const id of agents) await nodes[0]!.pauseAgent(id, 'next round');
      for (const call of (await nodes[0]!.snapshot()).calls)
        await nodes[0]!.dequeue(call.id, 'cancelled');
      expect(offers.length).toBe(16);
    }
  });
});

function note(err: unknown): void {
  if (err instanceof RoutingError && err.code === 'illegal_agent_transition') return;
  throw err;
}

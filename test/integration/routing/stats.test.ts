import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = harness('acd_stats');
});
afterEach(() => h.drop());

async function answer(callId: string, agentId: string) {
  await h.acd.accept(callId, agentId);
}

describe('live statistics in Redis', () => {
  it('computes service level, ASA, AHT and agents by state from the day’s counters', async () => {
    await h.acd.upsertQueue({ id: 'q', serviceLevelSeconds: 20, wrapUpSeconds: 10 });
    await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q' }] }, { ready: false });
    await h.acd.loginAgent({ id: 'a2', queues: [{ queueId: 'q' }] }, { ready: false });
    await h.acd.loginAgent(
      { id: 'a3', queues: [{ queueId: 'q' }] },
      { ready: false, pauseReason: 'meeting' },
    );
    const arrivals = ['fast', 'slow', 'quit-early', 'quit-late'];
    for (const [i, id] of arrivals.entries()) {
      h.at(i);
      await h.acd.enqueue({ id, queueId: 'q' });
    }
    h.at(5);
    await h.acd.dequeue('quit-early', 'abandoned');
    h.at(10);
    expect(await h.acd.setAgentAvailable('a1')).toMatchObject({ callId: 'fast' });
    await answer('fast', 'a1');
    h.at(30);
    expect(await h.acd.setAgentAvailable('a2')).toMatchObject({ callId: 'slow' });
    await answer('slow', 'a2');
    h.at(40);
    await h.acd.dequeue('quit-late', 'abandoned');
    h.at(70);
    await h.acd.release('a1'); // talk 60 s
    h.at(80);
    await h.acd.endWrapUp('a1'); // wrap 10 s
    const st = await h.acd.liveStats('q');
    expect(st).toMatchObject({
      offered: 4,
      answered: 2,
      answeredWithinSl: 1,
      abandoned: 2,
      abandonedWithinSl: 1,
      handled: 1,
      waiting: 0,
      agents: { available: 1, on_call: 1, paused: 1, wrap_up: 0, reserved: 0, logged_out: 0 },
      staffed: 2,
    });
    // answered within 20 s / (answered + abandoned after 20 s) = 1 / (2 + 1)
    expect(st.serviceLevel).toBeCloseTo(1 / 3, 6);
    expect(st.asaSeconds).toBe((10 + 29) / 2);
    // The day's counters expire by themselves a few days later.
    const ttl = await h.db.redis.ttl(`${h.db.prefix}st:q:${st.day}`);
    expect(ttl).toBeGreaterThan(2 * 86_400);
    expect(ttl).toBeLessThanOrEqual(3 * 86_400);
    expect(st.ahtSeconds).toBe(70);
  });

  it('reports the longest wait and the callers ringing', async () => {
    await h.acd.upsertQueue({ id: 'q' });
    await h.acd.enqueue({ id: 'c1', queueId: 'q' });
    h.at(15);
    await h.acd.enqueue({ id: 'c2', queueId: 'q' });
    await h.acd.loginAgent({ id: 'a', queues: [{ queueId: 'q' }] });
    h.at(45);
    expect(await h.acd.liveStats('q')).toMatchObject({
      waiting: 2,
      ringing: 1,
      longestWaitSeconds: 45,
    });
  });

  it('estimates the wait from position, handle time and agents serving the queue', async () => {
    await h.acd.upsertQueue({ id: 'q', defaultHandleSeconds: 240 });
    await h.acd.upsertQueue({ id: 'other' });
    for (const id of ['a1', 'a2', 'a3']) {
      await h.acd.loginAgent({ id, queues: [{ queueId: 'q' }] });
    }
    // Shared with another queue: counts as half an agent.
    await h.acd.loginAgent({ id: 'a4', queues: [{ queueId: 'q' }, { queueId: 'other' }] });
    for (let i = 1; i <= 6; i++) await h.acd.enqueue({ id: `c${i}`, queueId: 'q' });
    const sixth = await h.acd.estimatedWait('c6');
    expect(sixth).toMatchObject({
      queueId: 'q',
      position: 2,
      handleSeconds: 240,
      servingAgents: 3.5,
      freeAgents: 0,
    });
    expect(sixth.seconds).toBeCloseTo((2 * 240) / 3.5, 6);
    expect(await h.acd.position('c5')).toBe(1);
    expect((await h.acd.estimatedWait('c1')).position).toBeNull();
  });

  it('builds the wallboard payload over all queues', async () => {
    await h.acd.upsertQueue({ id: 'a' });
    await h.acd.upsertQueue({ id: 'b' });
    await h.acd.enqueue({ id: 'c1', queueId: 'a' });
    await h.acd.enqueue({ id: 'c2', queueId: 'b' });
    h.at(12);
    const wb = await h.acd.wallboard();
    expect(wb.queues.map((q) => q.queueId)).toEqual(['a', 'b']);
    expect(wb.totals).toMatchObject({ waiting: 2, offered: 2, longestWaitSeconds: 12 });
    expect(wb.day).toBe('2025-11-24');
  });
});

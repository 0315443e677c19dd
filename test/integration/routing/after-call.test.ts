/**
 * A pause or logout ordered while the agent is busy with a call (`afterCall`, the supervisor's
 * force pause and logout): recorded atomically on the agent, the call untouched, applied when the
 * call and its wrap-up are over, on real Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = harness('acd_after_call');
});
afterEach(() => h.drop());

const agent = async (id: string) => (await h.acd.snapshot()).agents.find((a) => a.id === id);

async function onCall(wrapUpSeconds: number): Promise<void> {
  await h.acd.upsertQueue({ id: 'q', wrapUpSeconds });
  await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q' }] });
  expect((await h.acd.enqueue({ id: 'c1', queueId: 'q' })).kind).toBe('offer');
  await h.acd.accept('c1', 'a1');
}

describe('a pause or logout ordered after the call', () => {
  it('keeps the agent on the call, then pauses them with the reason when wrap-up ends', async () => {
    await onCall(10);
    expect(await h.acd.pauseAgent('a1', 'coaching', { afterCall: true })).toEqual({
      requeued: null,
      deferred: true,
    });
    expect(await agent('a1')).toMatchObject({
      state: 'on_call',
      callId: 'c1',
      afterCall: { state: 'paused', reason: 'coaching' },
    });
    await h.acd.enqueue({ id: 'c2', queueId: 'q' });
    h.at(60);
    expect(await h.acd.release('a1')).toMatchObject({ callId: 'c1', offer: null });
    expect((await agent('a1'))?.state).toBe('wrap_up');
    h.at(70);
    const tick = await h.acd.tick();
    expect(tick.failures).toEqual([]);
    expect(tick.events).toContainEqual({ type: 'agent_paused', agentId: 'a1', reason: 'coaching' });
    expect(tick.events.some((e) => e.type === 'offer')).toBe(false);
    expect(await agent('a1')).toMatchObject({
      state: 'paused',
      reason: 'coaching',
      afterCall: null,
    });
    expect((await h.acd.snapshot()).queues[0]?.waiting).toEqual(['c2']);
  });

  it('logs the agent out of its queues at once when the call ends with no wrap-up', async () => {
    await onCall(0);
    expect((await h.acd.logoutAgent('a1', { afterCall: true })).deferred).toBe(true);
    await h.acd.enqueue({ id: 'c2', queueId: 'q' });
    const rel = await h.acd.release('a1');
    expect(rel.offer).toBeNull();
    expect(await agent('a1')).toMatchObject({ state: 'logged_out', afterCall: null });
    expect((await h.acd.snapshot()).queues[0]?.members).toEqual([]);
  });

  it('keeps a ringing offer at the agent; declining it applies the pause', async () => {
    await h.acd.upsertQueue({ id: 'q' });
    await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q' }] });
    await h.acd.enqueue({ id: 'c1', queueId: 'q' });
    const out = await h.acd.pauseAgent('a1', 'meeting', { afterCall: true });
    expect(out.deferred).toBe(true);
    expect(await agent('a1')).toMatchObject({ state: 'reserved', callId: 'c1' });
    const rej = await h.acd.reject('c1', 'a1');
    expect(rej.agentState).toBe('paused');
    expect(rej.agentOffer).toBeNull();
    expect(rej.events).toContainEqual({ type: 'agent_paused', agentId: 'a1', reason: 'meeting' });
    expect(await agent('a1')).toMatchObject({ state: 'paused', reason: 'meeting' });
  });

  it('lets a later order replace an earlier one, and the agent’s own end of wrap-up apply it', async () => {
    await onCall(30);
    await h.acd.pauseAgent('a1', 'coaching', { afterCall: true });
    await h.acd.release('a1');
    expect((await h.acd.logoutAgent('a1', { afterCall: true })).deferred).toBe(true);
    expect((await agent('a1'))?.afterCall).toEqual({ state: 'logged_out', reason: '' });
    expect(await h.acd.endWrapUp('a1')).toBeNull();
    expect((await agent('a1'))?.state).toBe('logged_out');
  });

  it('acts at once on an idle agent, and without afterCall still refuses a pause mid-call', async () => {
    await onCall(0);
    await expect(h.acd.pauseAgent('a1', 'lunch')).rejects.toMatchObject({
      code: 'illegal_agent_transition',
    });
    expect((await agent('a1'))?.afterCall).toBeNull();
    await h.acd.release('a1');
    expect(await h.acd.pauseAgent('a1', 'lunch', { afterCall: true })).toEqual({
      requeued: null,
      deferred: false,
    });
    expect(await agent('a1')).toMatchObject({ state: 'paused', reason: 'lunch' });
  });

  it('forgets the order when the agent logs in again', async () => {
    await onCall(0);
    await h.acd.pauseAgent('a1', 'coaching', { afterCall: true });
    await h.acd.logoutAgent('a1', { afterCall: true });
    await h.acd.release('a1');
    expect((await agent('a1'))?.state).toBe('logged_out');
    await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q' }] });
    expect(await agent('a1')).toMatchObject({ state: 'available', afterCall: null });
  });
});

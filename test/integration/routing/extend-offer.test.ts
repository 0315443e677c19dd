import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = harness('acd_extend');
});
afterEach(() => h.drop());

/** A callback holds its agent while the customer's phone rings: the offer outlasts ring time. */
describe('AcdStore.extendOffer', () => {
  it('keeps the agent reserved past the queue ring time, until the new deadline', async () => {
    await h.acd.upsertQueue({ id: 'q1', ringTimeoutSeconds: 20 });
    await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q1' }] });
    const out = await h.acd.enqueue({ id: 'cbk-1-1', queueId: 'q1' });
    expect(out.kind).toBe('offer');
    await h.acd.extendOffer('cbk-1-1', 'a1', h.clock.t + 45_000);
    h.at(30);
    expect((await h.acd.tick()).events).toEqual([]);
    expect((await h.acd.snapshot()).agents.find((a) => a.id === 'a1')?.state).toBe('reserved');
    await h.acd.accept('cbk-1-1', 'a1');
    expect((await h.acd.snapshot()).agents.find((a) => a.id === 'a1')?.state).toBe('on_call');
  });

  it('the extended deadline still expires the offer when it passes', async () => {
    await h.acd.upsertQueue({ id: 'q1', ringTimeoutSeconds: 20 });
    await h.acd.loginAgent({ id: 'a1', queues: [{ queueId: 'q1' }] });
    await h.acd.enqueue({ id: 'cbk-2-1', queueId: 'q1' });
    await h.acd.extendOffer('cbk-2-1', 'a1', h.clock.t + 45_000);
    h.at(46);
    const { events } = await h.acd.tick();
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'offer_expired', callId: 'cbk-2-1', agentId: 'a1' }),
    );
  });

  it('refuses an offer that is not ringing at that agent', async () => {
    await h.acd.upsertQueue({ id: 'q1' });
    await h.acd.enqueue({ id: 'cbk-3-1', queueId: 'q1' });
    await expect(h.acd.extendOffer('cbk-3-1', 'a9', h.clock.t + 1000)).rejects.toMatchObject({
      code: 'not_offered',
    });
  });
});

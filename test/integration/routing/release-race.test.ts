import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AcdStore, type LuaScript, type ScriptRunner } from '../../../routing/index.js';
import { IoredisScriptRunner } from '../../../server/wiring/routing.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = harness('acd_release_race');
});
afterEach(() => h.drop());

/**
 * A store whose runner lets `between` run right after the named script answers and before the
 * store sees the answer: another node acting in the gap between two round trips.
 */
function storeWithGap(after: string, between: () => Promise<unknown>): AcdStore {
  const inner = new IoredisScriptRunner(h.db.redis);
  const runner: ScriptRunner = {
    async run(script: LuaScript, keys, args) {
      const out = await inner.run(script, keys, args);
      if (script.name === after) await between();
      return out;
    },
  };
  return new AcdStore(runner, { prefix: h.db.prefix, now: () => h.clock.t });
}

describe('a release with no wrap-up racing another node', () => {
  it('is no error when the other node’s timer already gave the agent the next call', async () => {
    const other = h.node();
    const acd = storeWithGap('release_agent', () => other.tick());
    await acd.upsertQueue({ id: 'q', wrapUpSeconds: 0 });
    await acd.loginAgent({ id: 'a1', skills: {}, queues: [{ queueId: 'q' }] });
    const first = await acd.enqueue({ id: 'c1', queueId: 'q' });
    expect(first).toMatchObject({ kind: 'offer', offer: { agentId: 'a1' } });
    await acd.accept('c1', 'a1');
    h.at(10);
    expect(await acd.enqueue({ id: 'c2', queueId: 'q' })).toMatchObject({ kind: 'queued' });
    h.at(20);
    // The release ends c1 (wrap-up 0 s, so a1 is due in the wrap-up timers at once); before this
    // node decides, the other node's tick ends the wrap-up and offers c2 to a1.
    const out = await acd.release('a1', 'c1');
    expect(out).toMatchObject({ callId: 'c1', offer: null });
    const snap = await acd.snapshot();
    expect(snap.agents.find((a) => a.id === 'a1')).toMatchObject({
      state: 'reserved',
      callId: 'c2',
    });
    expect(snap.calls).toMatchObject([{ id: 'c2', state: 'offered', agentId: 'a1' }]);
  });

  it('still refuses to make available an agent who is ringing, when asked directly', async () => {
    await h.acd.upsertQueue({ id: 'q' });
    await h.acd.loginAgent({ id: 'a1', skills: {}, queues: [{ queueId: 'q' }] });
    await h.acd.enqueue({ id: 'c1', queueId: 'q' });
    await expect(h.acd.endWrapUp('a1')).rejects.toMatchObject({
      code: 'illegal_agent_transition',
    });
  });
});

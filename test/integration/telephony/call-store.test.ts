import { afterAll, describe, expect, it } from 'vitest';
import { callKeys } from '../../../telephony/calls/keys.js';
import { CallStore, noIndexChanges } from '../../../telephony/calls/store/call-store.js';
import { createTestRedis } from '../../support/redis.js';
import { record } from '../../unit/telephony/calls/fixtures.js';

const t = createTestRedis('call-store');
afterAll(() => t.drop());

describe('CallStore commits on the real Redis', () => {
  it('commits of several calls in the same turn go out together, each still compare-and-set', async () => {
    const store = new CallStore(t.redis, callKeys(t.prefix), 60_000);
    const ids = ['1.1', '1.2', '1.3'];
    const created = await Promise.all(
      ids.map((id) => store.commit(0, record('ivr', { id, channelId: id }), noIndexChanges())),
    );
    expect(created).toEqual([1, 1, 1]);

    // In one turn: two good updates, one on a stale version, and a second create of an
    // existing call; each answered on its own.
    const ix = noIndexChanges();
    ix.link.push(['1.1', { callId: '1.1', role: 'caller' }]);
    const replies = await Promise.all([
      store.commit(1, record('queued', { id: '1.1', channelId: '1.1' }), ix),
      store.commit(1, record('queued', { id: '1.2', channelId: '1.2' }), noIndexChanges()),
      store.commit(5, record('queued', { id: '1.3', channelId: '1.3' }), noIndexChanges()),
      store.commit(0, record('ivr', { id: '1.3', channelId: '1.3' }), noIndexChanges()),
    ]);
    expect(replies).toEqual([2, 2, null, null]);
    expect((await store.read('1.1'))?.rec.state).toBe('queued');
    expect(await store.read('1.3')).toMatchObject({ v: 1, rec: { state: 'ivr' } });
    expect(await store.link('1.1')).toEqual({ callId: '1.1', role: 'caller' });
    expect((await store.liveIds()).sort()).toEqual(ids);
  });
});

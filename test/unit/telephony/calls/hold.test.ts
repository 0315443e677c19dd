import { describe, expect, it } from 'vitest';
import { AriError } from '../../../../telephony/ari/errors.js';
import { GONE, type AriTarget, type Done } from '../../../../telephony/ari/port.js';
import { HoldBridges, isSharedHold, queueHoldBridgeId } from '../../../../telephony/calls/hold.js';

/** Records the ARI requests; `exists` and `members` stand for the PBX's bridges. */
function fakeAri() {
  const log: string[] = [];
  const exists = new Set<string>();
  return {
    log,
    exists,
    ari: {
      async createBridge(o: { bridgeId?: string; type: string }) {
        await Promise.resolve();
        log.push(`create ${o.bridgeId}`);
        if (exists.has(o.bridgeId!))
          throw new AriError('conflict', 'Bridge with this ID already exists', 409);
        exists.add(o.bridgeId!);
        return { id: o.bridgeId!, bridge_type: o.type } as never;
      },
      startMoh(t: AriTarget, cls?: string): Promise<Done> {
        log.push(`moh ${'bridgeId' in t ? t.bridgeId : t.channelId} ${cls}`);
        return Promise.resolve('done');
      },
      addChannels(bridgeId: string, ids: string[]): Promise<Done> {
        log.push(`add ${bridgeId} ${ids.join(',')}`);
        return Promise.resolve(exists.has(bridgeId) ? 'done' : GONE);
      },
    },
  };
}

describe("the queues' shared holding bridges", () => {
  it('makes one bridge with music per queue however many callers arrive at once', async () => {
    const f = fakeAri();
    const holds = new HoldBridges(f.ari, 'default');
    const id = queueHoldBridgeId('support');
    expect(id).toBe('hold-q-support');
    expect(isSharedHold(id)).toBe(true);
    expect(isSharedHold('hold-1-1795388288.20')).toBe(false);
    await Promise.all(['c1', 'c2', 'c3'].map((c) => holds.join(id, 'support', c)));
    expect(f.log.filter((l) => !l.startsWith('add'))).toEqual([
      'create hold-q-support',
      'moh hold-q-support default',
    ]);
    expect(f.log.filter((l) => l.startsWith('add'))).toHaveLength(3);
  });

  it('uses a bridge made before it, and makes again one the PBX lost', async () => {
    const f = fakeAri();
    f.exists.add('hold-q-billing');
    const holds = new HoldBridges(f.ari, 'default');
    expect(await holds.join('hold-q-billing', 'billing', 'c1')).toBe('done');
    // Its music is on already: starting it again would restart it for everyone waiting.
    expect(f.log).toEqual(['create hold-q-billing', 'add hold-q-billing c1']);
    f.log.length = 0;
    f.exists.clear(); // the PBX restarted
    expect(await holds.join('hold-q-billing', 'billing', 'c2')).toBe('done');
    expect(f.log).toEqual([
      'add hold-q-billing c2',
      'create hold-q-billing',
      'moh hold-q-billing default',
      'add hold-q-billing c2',
    ]);
    f.log.length = 0;
    holds.forget();
    await holds.join('hold-q-billing', 'billing', 'c3');
    expect(f.log[0]).toBe('create hold-q-billing');
  });
});

import { describe, expect, it } from 'vitest';
import type { AriChannel } from '../../../../telephony/ari/types.js';
import type { CallContext } from '../../../../telephony/calls/context.js';
import { reconcile } from '../../../../telephony/calls/handlers/reconcile.js';
import type { TimerWheel } from '../../../../telephony/calls/timers.js';

function channel(id: string, name: string, appName = ''): AriChannel {
  return {
    id,
    name,
    state: 'Up',
    caller: { name: '', number: '' },
    connected: { name: '', number: '' },
    accountcode: '',
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: appName, app_data: '' },
    creationtime: '2026-11-24T02:00:00.000+0000',
    language: 'en',
  };
}

describe('reconcile after a restart', () => {
  it("hangs up channels and destroys bridges that no live call owns, keeping the queues' holding bridges", async () => {
    const hungUp: string[] = [];
    const destroyed: string[] = [];
    let forgotten = 0;
    const ctx = {
      ari: {
        listChannels: () =>
          Promise.resolve([
            channel('snoop-2-dead', 'Snoop/1795.9-00000001'),
            channel('agent-3-dead', 'PJSIP/1001-00000004'),
          ]),
        getApplication: () =>
          Promise.resolve({
            name: 'contact-center',
            channel_ids: ['snoop-2-dead', 'agent-3-dead'],
            bridge_ids: ['hold-1-dead', 'monb-4-dead', 'hold-q-support'],
            endpoint_ids: [],
            device_names: [],
          }),
        hangup: (id: string) => {
          hungUp.push(id);
          return Promise.resolve('done');
        },
        destroyBridge: (id: string) => {
          destroyed.push(id);
          return Promise.resolve('done');
        },
      },
      calls: {
        forget: () => undefined,
        link: () => Promise.resolve(null),
        store: { liveIds: () => Promise.resolve([]), readMany: () => Promise.resolve([]) },
      },
      holds: { forget: () => void forgotten++ },
      run: (_id: string, task: () => Promise<void>) => task(),
    } as unknown as CallContext;
    const report = await reconcile(ctx, { armAll: () => undefined } as unknown as TimerWheel);
    expect(report).toEqual({
      adopted: 0,
      finalised: 0,
      orphanChannels: 2,
      orphanBridges: 2,
      restarted: 0,
    });
    expect(hungUp.sort()).toEqual(['agent-3-dead', 'snoop-2-dead']);
    expect(destroyed.sort()).toEqual(['hold-1-dead', 'monb-4-dead']);
    // The PBX may have restarted: the queues' bridges are made again when next needed.
    expect(forgotten).toBe(1);
  });
});

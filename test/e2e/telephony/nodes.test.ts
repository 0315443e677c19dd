import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { loadScripts } from '../../../server/wiring/telephony.js';
import {
  AriClientPort,
  createTelephony,
  scaledClock,
  startPbxSimulator,
  type Acd,
  type CallEvent,
  type CallerProfile,
  type InteractionPatch,
  type PbxSimulator,
  type TelephonyService,
} from '../../../telephony/index.js';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../../support/env.js';
import { createTestRedis, type TestRedis } from '../../support/redis.js';
import { OPEN_HOURS } from '../../support/stack.js';
import { Lease } from '../../../telephony/calls/lease.js';
import { until } from './helpers.js';

/**
 * The call layer on its own over the PBX simulator and real Redis, with in-test ports: a fault
 * in one call, and two server nodes sharing the lease.
 */
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

function profile(customerId: string): CallerProfile {
  return {
    customerId,
    name: customerId,
    vip: false,
    tier: 'standard',
    language: 'zh-CN',
    preferredAgentId: null,
    lastAgentId: null,
    lastServedAt: null,
    recordingOptOut: false,
    pop: null,
  };
}

/** An ACD that keeps calls in order and fails for the customer called "broken". */
class FakeAcd implements Acd {
  readonly queued: string[] = [];
  enqueue(call: Parameters<Acd['enqueue']>[0]): ReturnType<Acd['enqueue']> {
    if (call.customerId === 'broken') return Promise.reject(new Error('ACD store unavailable'));
    this.queued.push(call.callId);
    return Promise.resolve({ kind: 'queued', position: this.queued.length });
  }
  accept = () => Promise.resolve();
  reject = () => Promise.resolve(null);
  release = () => Promise.resolve({ wrapUpSeconds: 0 });
  dequeue(callId: string) {
    const i = this.queued.indexOf(callId);
    if (i >= 0) this.queued.splice(i, 1);
    return Promise.resolve();
  }
  waitInfo = () => Promise.resolve({ position: 1, estimatedWaitSeconds: 60 });
}

describe('call layer nodes over the PBX simulator and Redis', () => {
  let sim: PbxSimulator;
  let redis: TestRedis;
  const clock = scaledClock({ speed: 20, startAt: OPEN_HOURS });
  const events: CallEvent[] = [];
  const rows = new Map<string, InteractionPatch>();
  const acd = new FakeAcd();
  const nodes: TelephonyService[] = [];
  /** Media whose playback fails on the given channel (a PBX fault in one call). */
  const failingPlay = new Map<string, string>();

  async function node(name: string): Promise<TelephonyService> {
    const port = new AriClientPort({
      url: sim.url,
      username: 'cc',
      password: 'pw',
      app: 'contact-center',
      logger,
    });
    const ari = new Proxy(port, {
      get(target, prop, receiver) {
        if (prop === 'play') {
          return (t: { channelId?: string }, media: string[], o?: object) => {
            if (t.channelId && media.includes(failingPlay.get(t.channelId) ?? '\0')) {
              return Promise.reject(new Error('simulated PBX fault on play'));
            }
            return target.play(t as { channelId: string }, media, o);
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const t = createTelephony({
      ari,
      redis: redis.connect(),
      subscriber: redis.connect(),
      prefix: redis.prefix,
      nodeId: name,
      scripts: await loadScripts(),
      clock,
      logger,
      config: { leaseTtlMs: 2000, leaseRenewMs: 200 },
      ports: {
        acd,
        customers: {
          findCaller: (n) => Promise.resolve(n.endsWith('999') ? profile('broken') : null),
        },
        interactions: {
          upsert(callId, patch) {
            rows.set(callId, { ...rows.get(callId), ...patch });
            return Promise.resolve();
          },
        },
        selfService: {
          balanceByPhone: () => Promise.resolve({ found: false }),
          balanceByAccount: () => Promise.resolve({ found: false }),
          complaintByTicket: () => Promise.resolve({ found: false }),
          callbackByPhone: () => Promise.resolve({ found: false }),
          cancelCallback: () => Promise.resolve({ found: false }),
        },
        callbacks: { create: () => Promise.resolve({ id: '1' }) },
        endpoints: { endpointOf: () => Promise.resolve('PJSIP/1001') },
        events: { emit: (e) => events.push(e) },
      },
    });
    nodes.push(t);
    await t.start();
    return t;
  }

  const heard = (channelId: string) => sim.control.heard(channelId).map((h) => h.media);
  const state = async (t: TelephonyService, callId: string) => (await t.call(callId))?.state;

  beforeAll(async () => {
    redis = createTestRedis('tel_nodes');
    sim = await startPbxSimulator({ username: 'cc', password: 'pw', clock });
  });
  afterAll(async () => {
    for (const t of nodes) await t.stop();
    await sim?.stop();
    await redis?.drop();
  });

  it('one node drives; a fault in one call sends that caller to the dialplan, the others go on', async () => {
    const a = await node('node-a');
    await a.whenDriving();
    const broken = (await sim.control.placeCall({ from: '+8613955550999' })).channelId;
    const fine = (await sim.control.placeCall({ from: '+8613955550001' })).channelId;
    for (const id of [broken, fine]) sim.control.pressKeys(id, '1');
    await until('both at the menu', () =>
      [broken, fine].every((id) => heard(id).includes('sound:cc/main-menu')),
    );
    for (const id of [broken, fine]) sim.control.pressKeys(id, '0');
    await until('the healthy call queued', async () => (await state(a, fine)) === 'queued');
    await until('the broken call ended', async () => (await state(a, broken)) === 'ended');
    const rec = await a.call(broken);
    expect(rec).toMatchObject({ endedBy: 'dialplan', endReason: 'failure' });
    // Back in the dialplan, the PBX's own fallback after Stasis() speaks.
    await until('the dialplan apology', () => heard(broken).includes('sound:cc/sorry'));
    expect(await state(a, fine)).toBe('queued');
    expect(acd.queued).toContain(fine);
  });

  it('a fault in the IVR: the caller hears the apology and goes to the fallback queue', async () => {
    const a = nodes[0]!;
    const callId = (await sim.control.placeCall({ from: '+8613955550002' })).channelId;
    failingPlay.set(callId, 'sound:cc/main-menu');
    sim.control.pressKeys(callId, '1');
    await until('the caller queued', async () => (await state(a, callId)) === 'queued');
    await until('the apology', () => heard(callId).includes('sound:cc/sorry-error'));
    expect(heard(callId)).not.toContain('sound:cc/main-menu');
    const rec = await a.call(callId);
    expect(rec?.queue?.queueId).toBe('support');
    expect(rec?.failures).toBe(1);
  });

  it('a standby node relays commands to the driving node and takes over when it stops', async () => {
    const a = nodes[0]!;
    const b = await node('node-b');
    await new Promise((r) => setTimeout(r, 500));
    expect(a.driving).toBe(true);
    expect(b.driving).toBe(false);
    // A command given to the standby node is answered by the driving one.
    await expect(b.hangup('42', 'no-such-call')).rejects.toMatchObject({ code: 'not_your_call' });
    // Bad input is refused where it arrives, naming what is wrong.
    const refused = await b.monitor('7', 'some-call', 'shout' as 'listen').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid_input' });
    expect((refused as Error).message).toContain('mode');
    const callId = (await sim.control.placeCall({ from: '+8613955550003' })).channelId;
    sim.control.pressKeys(callId, '1');
    await until('the menu', () => heard(callId).includes('sound:cc/main-menu'));
    sim.control.pressKeys(callId, '0');
    await until('queued', async () => (await state(a, callId)) === 'queued');
    await a.stop();
    await b.whenDriving();
    expect(b.driving).toBe(true);
    expect(await state(b, callId)).toBe('queued');
    sim.control.hangup(callId);
    await until('ended by node b', async () => (await state(b, callId)) === 'ended');
    expect(rows.get(callId)).toMatchObject({ abandoned: true });
  });

  it('the lease lapses when its holder dies without letting go, and a standby takes over', async () => {
    const key = `${redis.prefix}lease-test`;
    const seen: string[] = [];
    // Its own connection (not the test's): it is cut below, as a dying node's would be.
    const holderConn = new Redis(TEST_REDIS_URL);
    const holder = new Lease(
      holderConn,
      {
        nodeId: 'dying',
        key,
        ttlMs: 600,
        renewEveryMs: 100,
        onAcquired: () => seen.push('dying acquired'),
        onLost: () => seen.push('dying lost'),
      },
      logger,
    );
    const standby = new Lease(
      redis.connect(),
      {
        nodeId: 'standby',
        key,
        ttlMs: 600,
        renewEveryMs: 100,
        onAcquired: () => seen.push('standby acquired'),
        onLost: () => seen.push('standby lost'),
      },
      logger,
    );
    holder.start();
    await until('the first holder', () => holder.isHeld);
    standby.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(standby.isHeld).toBe(false);
    // The holder loses Redis (dies): it stops driving on its own and the lease lapses.
    holderConn.disconnect();
    await until('the standby to take over', () => standby.isHeld, 5_000);
    await until('the old holder to give up', () => !holder.isHeld, 5_000);
    expect(seen).toEqual(['dying acquired', 'dying lost', 'standby acquired']);
    await holder.stop();
    await standby.stop();
    expect(await redis.redis.get(key)).toBeNull();
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import {
  ariGet,
  callerHangsUp,
  heard,
  interactionOf,
  logoutAll,
  placeCall,
  simSleep,
  toQueue,
  until,
  untilHeard,
} from './helpers.js';

/** The main menu lasts 20 s here, so that a drop or a restart lands while it plays. */
const MENU_MS = 20_000;

describe('WebSocket drops and server restarts mid-call', () => {
  let stack: Stack;
  const loggedIn = new Set<string>();

  beforeAll(async () => {
    stack = await startStack('tel_resilience', { sounds: { 'cc/main-menu': MENU_MS } });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await logoutAll(stack, loggedIn);
    loggedIn.clear();
  });

  async function login(username: string): Promise<string> {
    const id = await stack.loginAgent(username);
    loggedIn.add(id);
    return id;
  }

  async function atMenu(from: string): Promise<string> {
    const callId = await placeCall(stack, from);
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    return callId;
  }

  const connected = () => stack.server.telephony.status().connected;

  it('a WebSocket drop during the menu: after the reconnection the menu plays again and the caller carries on', async () => {
    const callId = await atMenu('+8613944440001');
    expect(stack.sim.control.dropWebSocket({ refuseMs: 300 }).dropped).toBe(1);
    await until('the ARI port to notice the drop', () => !connected());
    await until('the ARI port to reconnect', () => connected());
    await untilHeard(stack, callId, 'sound:cc/main-menu', 2);
    stack.sim.control.pressKeys(callId, '0');
    const queued = await stack.waitFor('queued', (e) => e.callId === callId);
    expect(queued.queueId).toBe('support');
    await callerHangsUp(stack, callId);
  });

  it('a WebSocket drop during a bridged call: the call stays bridged and recorded, and ends cleanly', async () => {
    await login('agent1');
    const callId = await placeCall(stack, '+8613944440002');
    stack.sim.control.setSound('cc/main-menu', 2000);
    await toQueue(stack, callId);
    await stack.waitFor('connected', (e) => e.callId === callId);
    stack.sim.control.setSound('cc/main-menu', MENU_MS);
    stack.sim.control.dropWebSocket({ refuseMs: 300 });
    await until('the ARI port to notice the drop', () => !connected());
    await until('the ARI port to reconnect', () => connected());
    const bridge = stack.sim.control.state().bridges.find((b) => b.channels.includes(callId));
    expect(bridge?.channels).toHaveLength(2);
    expect(stack.sim.control.state().recordings.live.map((r) => r.name)).toContain(callId);
    await simSleep(stack, 2000);
    stack.sim.control.hangup(callId);
    const row = await interactionOf(stack, callId, (r) => r.recording?.durationSeconds != null);
    expect(row.talkSeconds).not.toBeNull();
    expect(row.recording?.name).toBe(callId);
  });

  it('a server restart with a caller in the menu: the new server plays the menu again', async () => {
    const callId = await atMenu('+8613944440003');
    await stack.restartServer();
    await untilHeard(stack, callId, 'sound:cc/main-menu', 2);
    stack.sim.control.pressKeys(callId, '0');
    const queued = await stack.waitFor('queued', (e) => e.callId === callId);
    expect(queued.queueId).toBe('support');
    await callerHangsUp(stack, callId);
  });

  it('a server restart with a queued caller: the call is adopted, stays queued and is answered', async () => {
    stack.sim.control.setSound('cc/main-menu', 2000);
    const callId = await placeCall(stack, '+8613944440004');
    await toQueue(stack, callId);
    const hold = await until('the holding bridge', () =>
      stack.sim.control.state().bridges.find((b) => b.channels.includes(callId)),
    );
    expect(hold.types).toEqual(['holding']);
    await stack.restartServer();
    const rec = await stack.server.telephony.service.call(callId);
    expect(rec?.state).toBe('queued');
    const agentId = await login('agent2');
    const done = await stack.waitFor('connected', (e) => e.callId === callId);
    expect(done.agentId).toBe(agentId);
    // The caller heard music once: the holding bridge was kept through the restart.
    expect(heard(stack, callId).filter((m) => m === 'moh:default')).toHaveLength(1);
    await callerHangsUp(stack, callId);
    stack.sim.control.setSound('cc/main-menu', MENU_MS);
  });

  it('a server restart with a bridged call: the call continues with its recording and ends cleanly', async () => {
    stack.sim.control.setSound('cc/main-menu', 2000);
    const agentId = await login('agent1');
    const callId = await placeCall(stack, '+8613944440005');
    await toQueue(stack, callId);
    await stack.waitFor('connected', (e) => e.callId === callId);
    await stack.restartServer();
    const rec = await stack.server.telephony.service.call(callId);
    expect(rec?.state).toBe('connected');
    expect(stack.sim.control.state().recordings.live.map((r) => r.name)).toContain(callId);
    const live = await stack.server.telephony.liveCall(agentId);
    expect(live?.phase).toBe('connected');
    await simSleep(stack, 2000);
    stack.sim.control.hangup(callId);
    const row = await interactionOf(stack, callId, (r) => r.recording?.durationSeconds != null);
    expect(row.answeredAt).not.toBeNull();
    expect(row.endedAt).not.toBeNull();
    stack.sim.control.setSound('cc/main-menu', MENU_MS);
  });

  it('a caller who hangs up while no server runs is finalised by the next server', async () => {
    stack.sim.control.setSound('cc/main-menu', 2000);
    const callId = await placeCall(stack, '+8613944440006');
    await toQueue(stack, callId);
    await stack.restartServer(() => {
      stack.sim.control.hangup(callId);
    });
    const row = await interactionOf(stack, callId, (r) => r.endedAt !== null);
    expect(row.abandoned).toBe(true);
    const rec = await stack.server.telephony.service.call(callId);
    expect(rec?.state).toBe('ended');
    // Nothing of the call is left; the queue's holding bridge stays for the next callers.
    const app = (await ariGet(stack, '/applications/contact-center')) as { bridge_ids: string[] };
    expect(app.bridge_ids).toEqual(['hold-q-support']);
    const hold = (await ariGet(stack, '/bridges/hold-q-support')) as { channels: string[] };
    expect(hold.channels).toEqual([]);
    stack.sim.control.setSound('cc/main-menu', MENU_MS);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import {
  callerHangsUp,
  customerWithAccount,
  heard,
  ivrNodes,
  placeCall,
  until,
  untilHeard,
} from './helpers.js';

describe('IVR over the PBX simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('tel_ivr');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('valid choices: 1 (Chinese) then 0 route an unknown caller to the support queue', async () => {
    const callId = await placeCall(stack, '+8613911110001');
    const arrived = await stack.waitFor('arrived', (e) => e.callId === callId);
    expect(arrived.caller).toBeNull();
    expect(arrived.lookup).toBe('unknown');
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    stack.sim.control.pressKeys(callId, '0');
    const queued = await stack.waitFor('queued', (e) => e.callId === callId);
    expect(queued.queueId).toBe('support');
    const rec = await stack.server.telephony.service.call(callId);
    expect(rec?.state).toBe('queued');
    expect(rec?.language).toBe('zh-CN');
    expect(rec?.ivrPath.map((s) => [s.node, s.input])).toEqual(
      expect.arrayContaining([
        ['welcome', '1'],
        ['main-menu', '0'],
      ]),
    );
    const bridges = stack.sim.control.state().bridges;
    expect(bridges.find((b) => b.channels.includes(callId))).toMatchObject({
      types: ['holding'],
      moh: 'default',
    });
    await callerHangsUp(stack, callId);
  });

  it('invalid choices: after the retries the caller falls back to the support queue', async () => {
    const callId = await placeCall(stack, '+8613911110002');
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    for (let i = 1; i <= 3; i++) {
      stack.sim.control.pressKeys(callId, '7');
      if (i < 3) await untilHeard(stack, callId, 'sound:cc/main-menu', i + 1);
    }
    const queued = await stack.waitFor('queued', (e) => e.callId === callId);
    expect(queued.queueId).toBe('support');
    const media = heard(stack, callId);
    expect(media.filter((m) => m === 'sound:cc/main-menu')).toHaveLength(3);
    expect(media.filter((m) => m === 'sound:cc/invalid-choice').length).toBeGreaterThanOrEqual(2);
    await callerHangsUp(stack, callId);
  });

  it('no input: the menu times out, says so, and falls back to the support queue', async () => {
    const callId = await placeCall(stack, '+8613911110003');
    stack.sim.control.pressKeys(callId, '1');
    const queued = await stack.waitFor('queued', (e) => e.callId === callId, 20_000);
    expect(queued.queueId).toBe('support');
    const media = heard(stack, callId);
    expect(media.filter((m) => m === 'sound:cc/no-input').length).toBeGreaterThanOrEqual(2);
    expect(media.filter((m) => m === 'sound:cc/main-menu')).toHaveLength(3);
    await callerHangsUp(stack, callId);
  });

  it('barge-in: a key during the welcome prompt stops it and counts as the choice', async () => {
    const callId = await placeCall(stack, '+8613911110004');
    await until('the welcome prompt to play', () =>
      stack.sim.control.heard(callId).find((h) => h.media === 'sound:cc/welcome'),
    );
    stack.sim.control.pressKeys(callId, '2', 0);
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    const welcome = stack.sim.control.heard(callId).find((h) => h.media === 'sound:cc/welcome');
    expect(welcome?.outcome).toBe('stopped');
    const rec = await stack.server.telephony.service.call(callId);
    expect(rec?.language).toBe('en');
    const menu = stack.sim.control
      .state()
      .playbacks.find((p) => p.media_uri === 'sound:cc/main-menu');
    expect(menu?.language).toBe('en');
    await callerHangsUp(stack, callId);
  });

  it('self-service: the balance and due date of the caller are read back as number/digits', async () => {
    const customerId = await customerWithAccount(stack, 'Balance Tester', '+8613911112222', {
      accountNumber: 'E2E-1234',
      balance: '1234.50',
      dueDate: '2026-12-05',
    });
    const callId = await placeCall(stack, '+8613911112222');
    const arrived = await stack.waitFor('arrived', (e) => e.callId === callId);
    expect(arrived.caller?.customerId).toBe(String(customerId));
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/billing-menu');
    const media = heard(stack, callId);
    expect(media).toContain('number:1234');
    expect(media).toContain('digits:50');
    expect(media).toContain('number:12');
    expect(ivrNodes(stack, callId)).toContain('billing-lookup');
    await callerHangsUp(stack, callId);
  });

  it('VIP: a known VIP caller skips the menu into the VIP queue', async () => {
    const callId = await placeCall(stack, '+8613800138000');
    const arrived = await stack.waitFor('arrived', (e) => e.callId === callId);
    expect(arrived.caller?.vip).toBe(true);
    stack.sim.control.pressKeys(callId, '1');
    const queued = await stack.waitFor('queued', (e) => e.callId === callId);
    expect(queued.queueId).toBe('vip');
    expect(heard(stack, callId)).not.toContain('sound:cc/main-menu');
    expect(heard(stack, callId)).toContain('sound:cc/connect-vip');
    await callerHangsUp(stack, callId);
  });
});

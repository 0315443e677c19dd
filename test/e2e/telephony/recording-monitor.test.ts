import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import {
  logoutAll,
  agentLeg,
  callerHangsUp,
  customerWithAccount,
  interactionOf,
  loginToken,
  placeCall,
  simSleep,
  toQueue,
  until,
  untilHeard,
  wavMs,
} from './helpers.js';

describe('recording and supervisor monitoring over the PBX simulator', () => {
  let stack: Stack;
  const loggedIn = new Set<string>();

  beforeAll(async () => {
    stack = await startStack('tel_rec');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await logoutAll(stack, loggedIn);
    loggedIn.clear();
  });

  async function connectedCall(from: string): Promise<{ callId: string; agentId: string }> {
    const agentId = await stack.loginAgent('agent1');
    loggedIn.add(agentId);
    const callId = await placeCall(stack, from);
    await toQueue(stack, callId);
    await stack.waitFor('connected', (e) => e.callId === callId);
    return { callId, agentId };
  }

  it('a pause by the agent is left out of the file; the row has name, duration and pauses', async () => {
    const { callId, agentId } = await connectedCall('+8613933330001');
    const t = stack.server.telephony.service;
    const live = () => stack.sim.control.state().recordings.live.find((r) => r.name === callId);
    await until('the recording to start', () => live()?.state === 'recording');
    const startedAt = stack.clock.now();
    await simSleep(stack, 4000);
    expect(await t.setRecording(agentId, callId, 'pause')).toBe('paused');
    await until('the recording to pause', () => live()?.state === 'paused');
    await simSleep(stack, 6000);
    expect(await t.setRecording(agentId, callId, 'resume')).toBe('recording');
    await until('the recording to resume', () => live()?.state === 'recording');
    await simSleep(stack, 4000);
    stack.sim.control.hangup(callId);
    const done = await stack.waitFor('recording', (e) => e.callId === callId && e.state === 'off');
    const elapsed = stack.clock.now() - startedAt;
    expect(done.name).toBe(callId);
    // The stored file is the talk time without the paused part.
    const file = readFileSync(join(stack.sim.recordingsDir, `${callId}.wav`));
    const ms = wavMs(file);
    expect(ms).toBeGreaterThanOrEqual(7500);
    expect(ms).toBeLessThanOrEqual(elapsed - 5500);
    const row = await interactionOf(stack, callId, (r) => r.recording?.durationSeconds != null);
    expect(row.recording?.name).toBe(callId);
    expect(Math.abs(row.recording!.durationSeconds! - ms / 1000)).toBeLessThanOrEqual(1);
    expect(row.recording!.pauses).toHaveLength(1);
    const [pause] = row.recording!.pauses;
    expect(pause!.durationSeconds).toBeGreaterThanOrEqual(5.5);
    expect(pause!.durationSeconds).toBeLessThanOrEqual(elapsed / 1000 - 7.5);
    expect(pause!.offsetSeconds).toBeGreaterThanOrEqual(3.5);
    expect(pause!.offsetSeconds).toBeLessThanOrEqual(ms / 1000);
  });

  it('the IVR payment step holds recording off while the card is typed; the IVR is never recorded, the agent part is', async () => {
    await customerWithAccount(stack, 'Card Payer', '+8613933330009', {
      accountNumber: 'E2E-PAY-1',
      balance: '88.00',
    });
    const agentId = await stack.loginAgent('agent1');
    loggedIn.add(agentId);
    const callId = await placeCall(stack, '+8613933330009');
    const t = stack.server.telephony.service;
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/billing-menu');
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/card-number');
    // Nothing records the IVR; the step's pause is held for any recording that would start now.
    expect((await t.call(callId))?.recordingHeld).toBe(true);
    expect(stack.sim.control.state().recordings.live).toEqual([]);
    stack.sim.control.pressKeys(callId, '4111111111111111#');
    const connected = await stack.waitFor('connected', (e) => e.callId === callId);
    // The step ended (card accepted): the hold is released and the agent part is recorded.
    expect(connected.recording).toBe('recording');
    expect((await t.call(callId))?.recordingHeld).toBe(false);
    expect(JSON.stringify(await t.call(callId))).not.toContain('4111111111111111');
    await simSleep(stack, 2000);
    await callerHangsUp(stack, callId);
    await stack.waitFor('recording', (e) => e.callId === callId && e.state === 'off');
    const row = await interactionOf(stack, callId, (r) => r.recording?.durationSeconds != null);
    expect(row.recording).toMatchObject({ name: callId, pauses: [] });
    expect(JSON.stringify(row)).not.toContain('4111111111111111');
  });

  it('stored recordings are served to supervisors only, each listen audited', async () => {
    const { callId } = await connectedCall('+8613933330002');
    await simSleep(stack, 3000);
    stack.sim.control.hangup(callId);
    await stack.waitFor('recording', (e) => e.callId === callId && e.state === 'off');
    const supervisor = await loginToken(stack, 'supervisor');
    const agent = await loginToken(stack, 'agent2');
    const url = `${stack.url}/api/v1/recordings/${callId}`;
    const denied = await fetch(url, { headers: { authorization: `Bearer ${agent}` } });
    expect(denied.status).toBe(403);
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/audio\/(x-)?wav/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(readFileSync(join(stack.sim.recordingsDir, `${callId}.wav`)))).toBe(true);
    const missing = await fetch(`${stack.url}/api/v1/recordings/no-such-recording`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(missing.status).toBe(404);
    const audit = await stack.crm.audit.list({ entity: 'recording', entityId: callId });
    expect(audit.items.filter((a) => a.action === 'recording.listen')).toHaveLength(1);
  });

  it('listen: a snoop on the agent leg (spy both, whisper none) is bridged with the supervisor phone', async () => {
    const { callId } = await connectedCall('+8613933330003');
    const supervisor = await stack.crm.users.findByUsername('supervisor');
    const leg = await agentLeg(stack, callId);
    const { monitorId } = await stack.server.telephony.service.monitor(
      String(supervisor!.id),
      callId,
      'listen',
    );
    expect(monitorId).toMatch(/^mon-/);
    const bridge = await until('the monitor bridge', () => {
      const s = stack.sim.control.state();
      const snoop = s.channels.find((c) => c.snoop?.targetId === leg);
      const sup = s.channels.find((c) => c.name.startsWith('PJSIP/1090-'));
      if (!snoop || !sup) return null;
      return s.bridges.find((b) => b.channels.includes(snoop.id) && b.channels.includes(sup.id));
    });
    const s = stack.sim.control.state();
    const snoop = s.channels.find((c) => c.snoop?.targetId === leg)!;
    expect(snoop.snoop).toMatchObject({ spy: 'both', whisper: 'none' });
    expect(bridge.channels).toHaveLength(2);
    // The call's own bridge still has just the caller and the agent.
    const call = s.bridges.find((b) => b.channels.includes(callId))!;
    expect(call.channels).toHaveLength(2);
    stack.sim.control.hangup(callId);
    await until('the snoop and supervisor legs to go', () => {
      const now = stack.sim.control.state();
      return now.channels.some((c) => c.snoop || c.name.startsWith('PJSIP/1090-')) ? null : true;
    });
  });

  it('whisper snoops with whisper=out; barge puts the supervisor into the call bridge', async () => {
    const { callId } = await connectedCall('+8613933330004');
    const supervisor = await stack.crm.users.findByUsername('supervisor');
    const leg = await agentLeg(stack, callId);
    const t = stack.server.telephony.service;
    await t.monitor(String(supervisor!.id), callId, 'whisper');
    const snoop = await until('the whisper snoop', () =>
      stack.sim.control.state().channels.find((c) => c.snoop?.targetId === leg),
    );
    expect(snoop.snoop).toMatchObject({ spy: 'both', whisper: 'out' });
    await t.monitor(String(supervisor!.id), callId, 'barge');
    const bridge = await until('the supervisor in the call bridge', () => {
      const b = stack.sim.control.state().bridges.find((x) => x.channels.includes(callId));
      return b && b.channels.length === 3 ? b : null;
    });
    expect(bridge.channels).toContain(leg);
    await expect(t.monitor(String(supervisor!.id), 'no-such-call', 'listen')).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
    stack.sim.control.hangup(callId);
    await stack.waitFor('ended', (e) => e.callId === callId);
  });
});

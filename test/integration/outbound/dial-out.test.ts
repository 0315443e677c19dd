import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';

/** TelephonyService.dial over the PBX simulator: one originate per channel id, outcomes by cause. */
describe('dial-out', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack('dial_out');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => {
    for (const e of stack.sim.control.endpoints()) stack.sim.control.clearEndpoint(e.name);
  });

  const dialsOf = (channelId: string) =>
    stack.sim.control.originated().filter((o) => o.channelId === channelId);

  function dial(channelId: string, number: string, timeoutSeconds = 20) {
    return stack.server.telephony.service.dial({
      channelId,
      endpoint: `PJSIP/${number}@pstn`,
      timeoutSeconds,
      purpose: { kind: 'callback', callbackId: channelId, number },
    });
  }

  it('answered: the channel enters the app as a callback call and waits in the queue', async () => {
    const first = await dial('dial-answer-1', '+8613911110001');
    expect(['ringing', 'answered']).toContain(first.status);
    const done = await stack.server.telephony.service.dialOutcome('dial-answer-1', 10_000);
    expect(done?.status).toBe('answered');
    expect(dialsOf('dial-answer-1')).toHaveLength(1);
    expect(dialsOf('dial-answer-1')[0]!.appArgs).toEqual([
      'callback',
      'dial-answer-1',
      '+8613911110001',
    ]);
    const queued = await stack.waitFor('queued', (e) => e.callId === 'dial-answer-1');
    expect(queued.queueId).toBe('support');
    const rec = await stack.server.telephony.service.call('dial-answer-1');
    expect(rec?.origin).toEqual({ kind: 'callback', callbackId: 'dial-answer-1' });
    stack.sim.control.hangup('dial-answer-1');
  });

  it('busy, no answer and a failed endpoint are told apart by the hang-up cause', async () => {
    stack.sim.control.setEndpoint('PJSIP/+8613911110002@pstn', { answer: 'busy', delayMs: 200 });
    stack.sim.control.setEndpoint('PJSIP/+8613911110003@pstn', { answer: 'no-answer' });
    stack.sim.control.setEndpoint('PJSIP/+8613911110004@pstn', { answer: 'fail', delayMs: 100 });
    await dial('dial-busy-1', '+8613911110002');
    await dial('dial-noans-1', '+8613911110003', 2);
    await dial('dial-fail-1', '+8613911110004');
    const svc = stack.server.telephony.service;
    const busy = await svc.dialOutcome('dial-busy-1', 10_000);
    const noAnswer = await svc.dialOutcome('dial-noans-1', 10_000);
    const failed = await svc.dialOutcome('dial-fail-1', 10_000);
    expect([busy?.status, busy?.cause]).toEqual(['busy', 17]);
    expect([noAnswer?.status, noAnswer?.cause]).toEqual(['no_answer', 19]);
    expect([failed?.status, failed?.cause]).toEqual(['failed', 20]);
  });

  it('the same channel id dialled twice rings the customer once', async () => {
    stack.sim.control.setEndpoint('PJSIP/+8613911110005@pstn', { answer: 'no-answer' });
    const [a, b] = await Promise.all([
      dial('dial-twice-1', '+8613911110005', 1),
      dial('dial-twice-1', '+8613911110005', 1),
    ]);
    expect(a.request.channelId).toBe(b.request.channelId);
    await stack.server.telephony.service.dialOutcome('dial-twice-1', 10_000);
    const again = await dial('dial-twice-1', '+8613911110005', 1);
    expect(again.status).toBe('no_answer');
    expect(dialsOf('dial-twice-1')).toHaveLength(1);
  });

  it('a bad request names the field', async () => {
    await expect(dial('bad id!', '+8613911110006')).rejects.toThrow(/channelId/);
    expect(await stack.server.telephony.service.dialRecord('never-dialled')).toBeNull();
  });
});

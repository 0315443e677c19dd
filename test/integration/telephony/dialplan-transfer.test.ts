import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AriPort, PbxSimulator } from '../../../telephony/index.js';
import { simulatorWithPort, until } from './helpers.js';

/**
 * The shipped extensions.conf's `cc-transfer` context, where the call layer sends a caller an
 * IVR script transfers to a phone or number: it sets CC_TRANSFER_TARGET and continues there.
 */
describe('the cc-transfer dialplan context', () => {
  let sim: PbxSimulator;
  let port: AriPort;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ sim, port, stop } = await simulatorWithPort({
      username: 'contact-center',
      password: 'pw',
      speed: 20,
    }));
  });

  afterAll(async () => {
    await stop();
  });

  async function transfer(target: string | null): Promise<string> {
    const call = await sim.control.placeCall({ from: '+8613800138000' });
    expect(call.stasis).toBe(true);
    await port.answer(call.channelId);
    if (target !== null) await port.setVariable(call.channelId, 'CC_TRANSFER_TARGET', target);
    await port.continueInDialplan(call.channelId, {
      context: 'cc-transfer',
      extension: 's',
      priority: 1,
    });
    return call.channelId;
  }

  const channel = (id: string) => sim.control.state().channels.find((c) => c.id === id);

  it('dials the target the app named, and the caller talks to whoever answers', async () => {
    sim.control.setEndpoint('PJSIP/+861012345678@pstn', { answer: 'answer', delayMs: 100 });
    const caller = await transfer('PJSIP/+861012345678@pstn');
    await until(() => channel(caller)?.variables.DIALSTATUS === 'ANSWER', 5000, 'answered');
    expect(channel(caller)?.dialplan).toMatchObject({
      context: 'cc-transfer',
      exten: 's',
      app_name: 'Dial',
      app_data: 'PJSIP/+861012345678@pstn,30',
    });
    const callee = sim.control.state().channels.find((c) => c.name.startsWith('PJSIP/pstn-'));
    expect(callee?.state).toBe('Up');
    sim.control.hangup(caller);
  });

  it('apologises and falls back to the queue when the target is busy, unreachable or not given', async () => {
    sim.control.setEndpoint('PJSIP/1003', { answer: 'busy' });
    const outcomes = { 'PJSIP/1003': 'BUSY', 'PJSIP/9999': 'CHANUNAVAIL' } as Record<
      string,
      string
    >;
    for (const target of ['PJSIP/1003', 'PJSIP/9999', null]) {
      const caller = await transfer(target);
      await until(
        () => sim.control.heard(caller).some((h) => h.media === 'queue:cc-fallback'),
        5000,
        `fallback for ${target}`,
      );
      expect(sim.control.heard(caller).map((h) => h.media)).toEqual([
        'sound:cc/sorry',
        'queue:cc-fallback',
      ]);
      if (target) expect(channel(caller)?.variables.DIALSTATUS).toBe(outcomes[target]);
      sim.control.hangup(caller);
    }
  });
});

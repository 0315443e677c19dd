import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GONE, isGone, type AriPort, type PbxSimulator } from '../../../telephony/index.js';
import { is, simulatorWithPort, type EventLog } from './helpers.js';

const CREDS = { username: 'contact-center', password: 's3cret-pass' };

describe('ARI port operations against the simulator', () => {
  let sim: PbxSimulator;
  let port: AriPort;
  let events: EventLog;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ sim, port, events, stop } = await simulatorWithPort({ ...CREDS, speed: 20 }));
  });

  afterAll(async () => {
    await stop();
  });

  async function inboundCall(): Promise<string> {
    const call = await sim.control.placeCall({ from: '+8613800138000', callerName: 'Li Wei' });
    expect(call.stasis).toBe(true);
    return call.channelId;
  }

  it('treats operations on a channel that is already gone as normal, and a bogus endpoint as an error', async () => {
    const id = await inboundCall();
    expect(await port.hangup(id)).toBe('done');
    expect(await port.hangup(id)).toBe(GONE);
    expect(await port.answer(id)).toBe(GONE);
    expect(await port.play({ channelId: id }, ['sound:cc/welcome'])).toBe(GONE);
    expect(await port.setVariable(id, 'CC_CALL_ID', 'x')).toBe(GONE);
    expect(await port.getVariable(id, 'CC_CALL_ID')).toBe(GONE);
    expect(await port.continueInDialplan(id)).toBe(GONE);
    expect(await port.getChannel(id)).toBeUndefined();
    expect(await port.stopPlayback('no-such-playback')).toBe(GONE);
    expect(await port.destroyBridge('no-such-bridge')).toBe(GONE);
    expect(await port.stopRecording('no-such-recording')).toBe(GONE);
    await expect(port.originate({ endpoint: 'Bogus/123' })).rejects.toMatchObject({
      code: 'allocation-failed',
    });
  });

  it('reads back a variable it set, and reports an unset one as undefined', async () => {
    const id = await inboundCall();
    expect(await port.setVariable(id, 'CC_CALL_ID', 'call-7')).toBe('done');
    expect(await port.getVariable(id, 'CC_CALL_ID')).toBe('call-7');
    expect(await port.getVariable(id, 'NEVER_SET')).toBeUndefined();
    await port.hangup(id);
  });

  it('rings an agent who answers: Dial ANSWER, then StasisStart with the app arguments', async () => {
    sim.control.setEndpoint('PJSIP/1001', { answer: 'answer', delayMs: 1000 });
    const from = events.events.length;
    const ch = await port.originate({
      endpoint: 'Local/1001@agents',
      appArgs: ['agent', 'call-1'],
      callerId: 'Queue <support>',
      timeoutSeconds: 20,
    });
    expect(ch.state).toBe('Down');
    expect(ch.name).toMatch(/^Local\/1001@agents-[0-9a-f]{8};1$/);
    const start = await events.waitFor(
      is('StasisStart', (e) => e.channel.id === ch.id),
      5000,
      from,
    );
    expect(start.args).toEqual(['agent', 'call-1']);
    const dials = events.events.slice(from).filter(is('Dial', (e) => e.peer.id === ch.id));
    expect(dials.map((d) => d.dialstatus)).toEqual(['', 'ANSWER']);
    await port.hangup(ch.id);
    sim.control.clearEndpoint('PJSIP/1001');
  });

  for (const [answer, status, cause] of [
    ['busy', 'BUSY', 17],
    ['fail', 'CHANUNAVAIL', 20],
    ['no-answer', 'NOANSWER', 19],
  ] as const) {
    it(`reports an agent phone scripted "${answer}" as Dial ${status} and ChannelDestroyed cause ${cause}`, async () => {
      sim.control.setEndpoint('PJSIP/1002', { answer, delayMs: 500 });
      const from = events.events.length;
      const ch = await port.originate({
        endpoint: 'PJSIP/1002',
        appArgs: ['agent'],
        timeoutSeconds: 5,
      });
      const destroyed = await events.waitFor(
        is('ChannelDestroyed', (e) => e.channel.id === ch.id),
        5000,
        from,
      );
      expect(destroyed.cause).toBe(cause);
      const dials = events.events.slice(from).filter(is('Dial', (e) => e.peer.id === ch.id));
      expect(dials.map((d) => d.dialstatus)).toEqual(['', status]);
      expect(events.events.slice(from).some(is('StasisStart', (e) => e.channel.id === ch.id))).toBe(
        false,
      );
    });
  }

  it('passes a busy agent phone behind Local/…@agents back to the app through the dialplan', async () => {
    sim.control.setEndpoint('PJSIP/1003', { answer: 'busy', delayMs: 200 });
    const from = events.events.length;
    const ch = await port.originate({ endpoint: 'Local/1003@agents', appArgs: ['agent'] });
    const destroyed = await events.waitFor(
      is('ChannelDestroyed', (e) => e.channel.id === ch.id),
      5000,
      from,
    );
    expect(destroyed.cause).toBe(17);
    expect(
      events.events
        .slice(from)
        .filter(is('Dial', (e) => e.peer.id === ch.id))
        .map((d) => d.dialstatus),
    ).toEqual(['', 'BUSY']);
  });

  it('hands a campaign call to the app after AMD, with AMDSTATUS on the channel', async () => {
    sim.control.setEndpoint('PJSIP/+8613700137000@pstn', {
      answer: 'answer',
      delayMs: 300,
      amd: 'MACHINE',
    });
    const from = events.events.length;
    const ch = await port.originate({
      endpoint: 'PJSIP/+8613700137000@pstn',
      dialplan: { context: 'campaign-amd', extension: 's' },
      variables: { CC_CAMPAIGN_CALL_ID: 'cmp-42' },
    });
    const start = await events.waitFor(
      is('StasisStart', (e) => e.channel.id === ch.id),
      5000,
      from,
    );
    expect(start.args).toEqual(['campaign', 'cmp-42']);
    expect(await port.getVariable(ch.id, 'AMDSTATUS')).toBe('MACHINE');
    await port.hangup(ch.id);
  });

  it('snoops on a call: the Snoop channel enters the app with its arguments and ends with the call', async () => {
    const id = await inboundCall();
    await port.answer(id);
    const from = events.events.length;
    const snoop = await port.snoop(id, {
      spy: 'both',
      whisper: 'none',
      appArgs: ['snoop', 'sup-1'],
    });
    if (isGone(snoop)) throw new Error('the call was gone');
    expect(snoop.name).toMatch(new RegExp(`^Snoop/${id.replace('.', '\\.')}-[0-9a-f]{8}$`));
    const start = await events.waitFor(
      is('StasisStart', (e) => e.channel.id === snoop.id),
      3000,
      from,
    );
    expect(start.args).toEqual(['snoop', 'sup-1']);
    expect(sim.control.state().channels.find((c) => c.id === snoop.id)?.snoop).toEqual({
      targetId: id,
      spy: 'both',
      whisper: 'none',
    });
    sim.control.hangup(id);
    await events.waitFor(
      is('StasisEnd', (e) => e.channel.id === snoop.id),
      3000,
      from,
    );
    expect(await port.snoop(id, { spy: 'both', whisper: 'none', appArgs: [] })).toBe(GONE);
  });

  it('bridges two calls, plays to the bridge and tells the callers what they heard', async () => {
    const a = await inboundCall();
    const b = await inboundCall();
    await port.answer(a);
    await port.answer(b);
    const bridge = await port.createBridge({ type: 'mixing', name: 'call-9' });
    expect(await port.addChannels(bridge.id, [a, b])).toBe('done');
    expect((await port.getBridge(bridge.id))?.channels).toEqual([a, b]);
    const from = events.events.length;
    const playbackId = await port.play({ bridgeId: bridge.id }, ['sound:cc/welcome', 'number:42']);
    await events.waitFor(
      is('PlaybackFinished', (e) => e.playback.id === playbackId),
      5000,
      from,
    );
    expect(await port.removeChannel(bridge.id, a)).toBe('done');
    expect(await port.removeChannel(bridge.id, a)).toBe(GONE);
    for (const id of [a, b]) {
      const heard = (await fetch(`${sim.url}/control/channels/${id}/heard`).then((r) =>
        r.json(),
      )) as { media: string; outcome: string }[];
      expect(heard.map((h) => `${h.media} ${h.outcome}`)).toEqual([
        'sound:cc/welcome done',
        'number:42 done',
      ]);
    }
    expect(await port.destroyBridge(bridge.id)).toBe('done');
    await port.hangup(a);
    await port.hangup(b);
  });
});

import { describe, expect, it } from 'vitest';
import { answerChannel } from '../../../../telephony/simulator/engine/answer.js';
import {
  addChannels,
  createBridge,
  destroyBridge,
  removeChannel,
} from '../../../../telephony/simulator/engine/bridges.js';
import { placeCall, pressKeys, snoop } from '../../../../telephony/simulator/engine/channel-ops.js';
import { originate } from '../../../../telephony/simulator/engine/originate.js';
import {
  controlPlayback,
  queuePlayback,
  stopPlayback,
} from '../../../../telephony/simulator/engine/playback.js';
import { engine } from './harness.js';

describe('simulated calls on a hand-driven clock', () => {
  it('plays a prompt for its length, queues the next one behind it, and logs what the caller heard', () => {
    const e = engine();
    const ch = placeCall(e.ctx, { from: '+8613800138000' }).pbxSide;
    e.clock.advance(0);
    answerChannel(e.ctx, ch);
    const from = e.events.length;
    queuePlayback(e.ctx, { kind: 'channel', id: ch.id }, ['sound:cc/welcome'], {
      playbackId: 'p1',
      language: 'en',
    });
    queuePlayback(e.ctx, { kind: 'channel', id: ch.id }, ['digits:42'], {
      playbackId: 'p2',
      language: 'en',
    });
    e.clock.advance(0);
    expect(e.types(from)).toEqual(['PlaybackStarted']);
    e.clock.advance(2999);
    expect(e.types(from)).toEqual(['PlaybackStarted']);
    e.clock.advance(1);
    expect(e.types(from)).toEqual(['PlaybackStarted', 'PlaybackFinished', 'PlaybackStarted']);
    e.clock.advance(800);
    expect(e.types(from)).toEqual([
      'PlaybackStarted',
      'PlaybackFinished',
      'PlaybackStarted',
      'PlaybackFinished',
    ]);
    expect(ch.mediaLog.map((m) => `${m.media} ${m.outcome}`)).toEqual([
      'sound:cc/welcome done',
      'digits:42 done',
    ]);
  });

  it('pauses a playback without losing its place, and cuts it off as failed when the caller hangs up', () => {
    const e = engine();
    const ch = placeCall(e.ctx, { from: '+8613800138000' }).pbxSide;
    e.clock.advance(0);
    const p = queuePlayback(e.ctx, { kind: 'channel', id: ch.id }, ['sound:cc/welcome'], {
      language: 'en',
    });
    e.clock.advance(1000);
    controlPlayback(e.ctx, p, 'pause');
    e.clock.advance(60_000);
    expect(e.ctx.state.playbacks.has(p.id)).toBe(true);
    controlPlayback(e.ctx, p, 'unpause');
    e.clock.advance(1000);
    const from = e.events.length;
    e.ctx.hooks.hangup(ch, { initiator: 'remote', cause: 16 });
    expect(e.types(from)).toEqual(['ChannelHangupRequest', 'PlaybackFinished', 'StasisEnd']);
    expect((e.events[from + 1]!.playback as { state: string }).state).toBe('failed');
    expect(ch.mediaLog[0]!.outcome).toBe('interrupted');
  });

  it('ends a stopped two-item playback on its first item, still naming the next', () => {
    const e = engine();
    const ch = placeCall(e.ctx, { from: '+8613800138000' }).pbxSide;
    e.clock.advance(0);
    const p = queuePlayback(
      e.ctx,
      { kind: 'channel', id: ch.id },
      ['sound:cc/welcome', 'number:1234'],
      { language: 'en' },
    );
    e.clock.advance(300);
    stopPlayback(e.ctx, p);
    expect(e.events.at(-1)).toMatchObject({
      type: 'PlaybackFinished',
      playback: { media_uri: 'sound:cc/welcome', next_media_uri: 'number:1234', state: 'done' },
    });
  });

  it('sends a call the app is not connected for to the fallback after Stasis(), then on when the queue times out', async () => {
    const e = engine();
    e.active.clear();
    const call = placeCall(e.ctx, { from: '+8613800138000' });
    e.clock.advance(0);
    await expect(call.stasis).resolves.toEqual({
      entered: false,
      reason: "Stasis app 'contact-center' not active",
    });
    e.clock.advance(2000);
    expect(call.pbxSide.mediaLog.map((m) => `${m.media} ${m.outcome}`)).toEqual([
      'sound:cc/sorry done',
      'queue:cc-fallback playing',
    ]);
    e.clock.advance(60_000);
    expect(e.ctx.state.channels.has(call.pbxSide.id)).toBe(false);
    expect(e.ctx.state.ended.find((x) => x.id === call.pbxSide.id)?.variables.QUEUESTATUS).toBe(
      'TIMEOUT',
    );
  });

  it('gives up ringing an agent who does not answer when the originate timeout runs out', () => {
    const e = engine();
    e.ctx.behaviours.set('PJSIP/1001', { answer: 'no-answer', delayMs: 0, amd: 'HUMAN' });
    const ch = originate(e.ctx, { endpoint: 'PJSIP/1001', app: 'contact-center', timeout: 20 });
    e.clock.advance(19_999);
    expect(e.types()).toEqual(['Dial']);
    e.clock.advance(1);
    expect(e.types()).toEqual(['Dial', 'Dial', 'ChannelDestroyed']);
    expect(e.events[1]).toMatchObject({ dialstatus: 'NOANSWER', peer: { id: ch.id } });
    expect(e.events[2]).toMatchObject({ cause: 19, cause_txt: 'User alerting, no answer' });
  });

  it('reports a cancelled ring as Dial CANCEL when the app hangs the leg up first', () => {
    const e = engine();
    e.ctx.behaviours.set('PJSIP/1001', { answer: 'manual', delayMs: 0, amd: 'HUMAN' });
    const ch = originate(e.ctx, { endpoint: 'PJSIP/1001', app: 'contact-center' });
    e.clock.advance(1000);
    e.ctx.hooks.hangup(ch, { initiator: 'app', cause: 16 });
    expect(e.types()).toEqual(['Dial', 'ChannelHangupRequest', 'Dial', 'ChannelDestroyed']);
    expect(e.events[2]).toMatchObject({ dialstatus: 'CANCEL' });
  });

  it('answers a campaign call, runs AMD and branches on AMDSTATUS as the dialplan says', () => {
    const e = engine();
    const campaignCall = (number: string, amd: 'MACHINE' | 'HUMAN') => {
      e.ctx.behaviours.set(`PJSIP/${number}@pstn`, { answer: 'answer', delayMs: 500, amd });
      const ch = originate(e.ctx, {
        endpoint: `PJSIP/${number}@pstn`,
        context: 'campaign-amd',
        extension: 's',
        variables: { CC_CAMPAIGN_CALL_ID: `c-${number}` },
      });
      e.clock.advance(3000);
      return ch;
    };
    const machine = campaignCall('+8613700137000', 'MACHINE');
    expect(machine.variables.get('AMDSTATUS')).toBe('MACHINE');
    expect(machine.stasis).toBeUndefined();
    expect(machine.mediaLog.map((m) => m.media)).toEqual(['sound:cc/leave-message']);
    const human = campaignCall('+8613700137001', 'HUMAN');
    expect(human.stasis).toEqual({ app: 'contact-center', args: ['campaign', 'c-+8613700137001'] });
  });

  it('sends BridgeDestroyed only while the app still has channels it added to the bridge', () => {
    const e = engine();
    const a = placeCall(e.ctx, { from: '+8613800138000' }).pbxSide;
    e.clock.advance(0);
    const holding = createBridge(e.ctx, { type: 'holding', bridgeId: 'h' });
    addChannels(e.ctx, holding, [a]);
    removeChannel(e.ctx, holding, a);
    const mixing = createBridge(e.ctx, { type: 'mixing', bridgeId: 'm' });
    addChannels(e.ctx, mixing, [a]);
    e.ctx.hooks.hangup(a, { initiator: 'remote', cause: 16 });
    const from = e.events.length;
    destroyBridge(e.ctx, holding);
    destroyBridge(e.ctx, mixing);
    expect(e.types(from)).toEqual(['BridgeDestroyed']);
    expect(e.events.at(-1)).toMatchObject({ bridge: { id: 'm', channels: [] } });
  });

  it('reports DTMF per digit, spaced by the gap, and ends a snoop when its target hangs up', () => {
    const e = engine();
    const ch = placeCall(e.ctx, { from: '+8613800138000' }).pbxSide;
    e.clock.advance(0);
    const spy = snoop(e.ctx, ch, { spy: 'both', app: 'contact-center', appArgs: 'snoop' });
    expect(spy.name).toBe(`Snoop/${ch.id}-00000001`);
    pressKeys(e.ctx, ch, '12', 400);
    e.clock.advance(0);
    expect(e.events.filter((x) => x.type === 'ChannelDtmfReceived').map((x) => x.digit)).toEqual([
      '1',
    ]);
    e.clock.advance(500);
    expect(e.events.filter((x) => x.type === 'ChannelDtmfReceived').map((x) => x.digit)).toEqual([
      '1',
      '2',
    ]);
    const from = e.events.length;
    e.ctx.hooks.hangup(ch, { initiator: 'remote', cause: 16 });
    expect(e.types(from)).toEqual([
      'ChannelHangupRequest',
      'ChannelHangupRequest',
      'StasisEnd',
      'StasisEnd',
    ]);
    expect(e.ctx.state.channels.has(spy.id)).toBe(false);
  });
});

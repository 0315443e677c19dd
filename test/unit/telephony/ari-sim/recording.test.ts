import { describe, expect, it } from 'vitest';
import { addChannels, createBridge } from '../../../../telephony/simulator/engine/bridges.js';
import { placeCall } from '../../../../telephony/simulator/engine/channel-ops.js';
import {
  muteRecording,
  pauseRecording,
  startRecording,
  stopRecording,
  unpauseRecording,
} from '../../../../telephony/simulator/engine/recording.js';
import { pcmData, wavDurationMs } from '../../../../telephony/simulator/media/wav.js';
import { engine } from './harness.js';

const OPTS = {
  format: 'wav',
  ifExists: 'overwrite',
  maxDurationSeconds: 0,
  beep: false,
  terminateOn: 'none',
};

describe('simulated recordings', () => {
  function bridgedCall() {
    const e = engine();
    const a = placeCall(e.ctx, { from: '+8613800138000' }).pbxSide;
    const b = placeCall(e.ctx, { from: '+8613900139000' }).pbxSide;
    e.clock.advance(0);
    const bridge = createBridge(e.ctx, { type: 'mixing', bridgeId: 'b1' });
    addChannels(e.ctx, bridge, [a, b]);
    e.clock.advance(0);
    return { ...e, bridge };
  }

  it('leaves the paused time out of the file and reports whole seconds recorded', () => {
    const e = bridgedCall();
    const rec = startRecording(e.ctx, { kind: 'bridge', id: 'b1' }, { ...OPTS, name: 'r1' });
    e.clock.advance(0);
    e.clock.advance(1000);
    pauseRecording(e.ctx, rec);
    e.clock.advance(5000);
    unpauseRecording(e.ctx, rec);
    e.clock.advance(800);
    stopRecording(e.ctx, rec);
    expect(wavDurationMs(e.store.read('r1', 'wav'))).toBe(1800);
    const finished = e.events.find((x) => x.type === 'RecordingFinished');
    expect(finished?.recording).toEqual({
      name: 'r1',
      format: 'wav',
      state: 'done',
      target_uri: 'bridge:b1',
      duration: 1,
    });
  });

  it('writes silence where the recording was muted, keeping its length', () => {
    const e = bridgedCall();
    const rec = startRecording(e.ctx, { kind: 'bridge', id: 'b1' }, { ...OPTS, name: 'r2' });
    e.clock.advance(0);
    e.clock.advance(500);
    muteRecording(e.ctx, rec, true);
    e.clock.advance(500);
    muteRecording(e.ctx, rec, false);
    e.clock.advance(500);
    stopRecording(e.ctx, rec);
    const pcm = pcmData(e.store.read('r2', 'wav'));
    expect(pcm.length).toBe(1500 * 8 * 2);
    const loud = (from: number, to: number) => {
      let max = 0;
      for (let i = from * 16; i < to * 16; i += 2)
        max = Math.max(max, Math.abs(pcm.readInt16LE(i)));
      return max;
    };
    expect(loud(0, 500)).toBeGreaterThan(1000);
    expect(loud(500, 1000)).toBe(0);
    expect(loud(1000, 1500)).toBeGreaterThan(1000);
  });

  it('appends to an existing recording when asked, and stops at the maximum duration', () => {
    const e = bridgedCall();
    const first = startRecording(e.ctx, { kind: 'bridge', id: 'b1' }, { ...OPTS, name: 'r3' });
    e.clock.advance(0);
    e.clock.advance(1000);
    stopRecording(e.ctx, first);
    startRecording(
      e.ctx,
      { kind: 'bridge', id: 'b1' },
      { ...OPTS, name: 'r3', ifExists: 'append', maxDurationSeconds: 2 },
    );
    e.clock.advance(0);
    e.clock.advance(10_000);
    expect(wavDurationMs(e.store.read('r3', 'wav'))).toBe(3000);
    expect(e.ctx.state.recordings.size).toBe(0);
  });

  it('adds the Recorder to BRIDGEPEER while it records, and reports the update twice as it leaves', () => {
    const e = bridgedCall();
    const from = e.events.length;
    const rec = startRecording(e.ctx, { kind: 'bridge', id: 'b1' }, { ...OPTS, name: 'r4' });
    e.clock.advance(0);
    stopRecording(e.ctx, rec);
    expect(e.types(from)).toEqual([
      'ChannelVarset',
      'ChannelVarset',
      'RecordingStarted',
      'RecordingFinished',
      'ChannelVarset',
      'ChannelVarset',
      'ChannelVarset',
      'ChannelVarset',
    ]);
    expect(String(e.events[from]!.value)).toMatch(
      /^Recorder\/ARI-[0-9a-f]{8};2,Local\/1000@from-pstn-[0-9a-f]{8};2$/,
    );
  });
});

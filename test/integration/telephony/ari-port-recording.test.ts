import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GONE,
  type AriEvent,
  type AriEventOf,
  type AriPort,
  type PbxSimulator,
} from '../../../telephony/index.js';
import { simulatorWithPort, sleep, type EventLog } from './helpers.js';

const CREDS = { username: 'contact-center', password: 's3cret-pass' };

/** Length of a mono 16-bit 8 kHz WAV, from its data chunk size. */
function wavMs(file: Buffer): number {
  expect(file.toString('ascii', 0, 4)).toBe('RIFF');
  expect(file.readUInt32LE(24)).toBe(8000);
  return (file.readUInt32LE(40) / 2 / 8000) * 1000;
}

describe('bridge recording through the ARI port', () => {
  let sim: PbxSimulator;
  let port: AriPort;
  let events: EventLog;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ sim, port, events, stop } = await simulatorWithPort(CREDS));
  });

  afterAll(async () => {
    await stop();
  });

  const finished =
    (name: string) =>
    (e: AriEvent): e is AriEventOf<'RecordingFinished'> =>
      e.type === 'RecordingFinished' && e.recording.name === name;

  it('writes a WAV file as long as the time recorded, without the paused stretch', async () => {
    const a = await sim.control.placeCall({ from: '+8613800138000' });
    const b = await sim.control.placeCall({ from: '+8613900139000' });
    const bridge = await port.createBridge({ type: 'mixing' });
    await port.addChannels(bridge.id, [a.channelId, b.channelId]);

    const started = Date.now();
    const rec = await port.recordBridge(bridge.id, 'call-1-recording', { ifExists: 'overwrite' });
    expect(rec).toMatchObject({
      name: 'call-1-recording',
      format: 'wav',
      target_uri: `bridge:${bridge.id}`,
    });
    await sleep(700);
    expect(await port.pauseRecording('call-1-recording')).toBe('done');
    await sleep(1500);
    expect(await port.unpauseRecording('call-1-recording')).toBe('done');
    await sleep(700);
    expect(await port.stopRecording('call-1-recording')).toBe('done');
    const wall = Date.now() - started;

    const done = await events.waitFor(finished('call-1-recording'));
    const ms = wavMs(readFileSync(join(sim.recordingsDir, 'call-1-recording.wav')));
    // 1.4 s recorded out of about 2.9 s: the pause is not in the file.
    expect(ms).toBeGreaterThanOrEqual(1300);
    expect(ms).toBeLessThan(wall - 1400);
    expect(done.recording.duration).toBe(Math.floor(ms / 1000));
    expect(done.recording.state).toBe('done');
    expect(await port.stopRecording('call-1-recording')).toBe(GONE);
  });

  it('refuses a second recording with the same name unless told to overwrite', async () => {
    // The app hears of a bridge's recordings once it has put a channel in the bridge.
    const call = await sim.control.placeCall({ from: '+8613800138000' });
    const bridge = await port.createBridge({ type: 'mixing' });
    await port.addChannels(bridge.id, [call.channelId]);
    const first = await port.recordBridge(bridge.id, 'same-name', { ifExists: 'overwrite' });
    expect(first).not.toBe(GONE);
    await expect(port.recordBridge(bridge.id, 'same-name')).rejects.toMatchObject({
      code: 'conflict',
    });
    await port.stopRecording('same-name');
    await events.waitFor(finished('same-name'));
    await expect(
      port.recordBridge(bridge.id, 'same-name', { ifExists: 'fail' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await port.recordBridge('no-such-bridge', 'other')).toBe(GONE);
  });
});

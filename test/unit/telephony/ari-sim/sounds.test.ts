import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingStore } from '../../../../telephony/simulator/media/recording-store.js';
import { numberWordCount, SoundCatalogue } from '../../../../telephony/simulator/media/sounds.js';
import { encodeWav, pcmFor } from '../../../../telephony/simulator/media/wav.js';

const store = () => new RecordingStore(mkdtempSync(join(tmpdir(), 'sim-sounds-')));

describe('how long media plays in the simulator', () => {
  it('counts the words SayNumber speaks', () => {
    expect(
      ['0', '7', '15', '40', '42', '100', '1234', '2000000', '-5'].map(numberWordCount),
    ).toEqual([1, 1, 1, 1, 2, 2, 6, 2, 2]);
    expect(numberWordCount('12a')).toBeUndefined();
  });

  it('knows listed prompts, plays unknown ones for the default length or treats them as missing', () => {
    const lenient = new SoundCatalogue(
      { sounds: { 'cc/welcome': 3200 }, defaultSoundMs: 1500 },
      store(),
    );
    expect(lenient.durationOf('sound:cc/welcome')).toBe(3200);
    expect(lenient.durationOf('sound:cc/anything')).toBe(1500);
    const strict = new SoundCatalogue(
      { sounds: { 'cc/welcome': 3200 }, unknownSounds: 'missing' },
      store(),
    );
    expect(strict.durationOf('sound:does-not-exist')).toBeUndefined();
    lenient.markMissing('cc/welcome');
    expect(lenient.durationOf('sound:cc/welcome')).toBeUndefined();
  });

  it('times numbers by words and digits by symbols; a tone plays until stopped; a bad URI fails', () => {
    const c = new SoundCatalogue({ numberWordMs: 400, digitMs: 300 }, store());
    expect(c.durationOf('number:1234')).toBe(2400);
    expect(c.durationOf('digits:1234')).toBe(1200);
    expect(c.durationOf('characters:abc')).toBe(900);
    expect(c.durationOf('tone:ring')).toBe(Infinity);
    expect(c.durationOf('video:x')).toBeUndefined();
    expect(c.durationOf('sound:')).toBeUndefined();
  });

  it('plays a stored recording for the length of its file', () => {
    const s = store();
    s.write('msg/greeting', 'wav', encodeWav(pcmFor(2500, false)));
    const c = new SoundCatalogue({}, s);
    expect(c.durationOf('recording:msg/greeting')).toBe(2500);
    expect(c.durationOf('recording:nope')).toBeUndefined();
    expect(() => s.write('../escape', 'wav', Buffer.alloc(0))).toThrow(/invalid recording name/);
  });
});

describe('prompts from a sounds folder', () => {
  it('plays a prompt for the length of its file in the language asked for, falling back to the root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-sounds-dir-'));
    const s = new RecordingStore(dir);
    s.write('zh/cc/main-menu', 'wav', encodeWav(pcmFor(4200, false)));
    s.write('en/cc/main-menu', 'wav', encodeWav(pcmFor(3100, false)));
    s.write('cc/goodbye', 'wav', encodeWav(pcmFor(900, false)));
    const c = new SoundCatalogue({ soundsDir: dir, unknownSounds: 'missing' }, store());
    expect(c.durationOf('sound:cc/main-menu', 'zh')).toBe(4200);
    expect(c.durationOf('sound:cc/main-menu', 'en')).toBe(3100);
    expect(c.durationOf('sound:cc/goodbye', 'zh')).toBe(900);
    expect(c.durationOf('sound:cc/not-recorded', 'zh')).toBeUndefined();
    expect(c.durationOf('sound:../etc/passwd')).toBeUndefined();
  });
});

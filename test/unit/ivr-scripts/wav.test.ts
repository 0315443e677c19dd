import { describe, expect, it } from 'vitest';
import { concatPcm, decodeWav, encodeWav, resample } from '../../../ivr-scripts/index.js';
import type { Pcm } from '../../../ivr-scripts/index.js';

function tone(hz: number, rate: number, seconds: number, amplitude = 8000): Pcm {
  const n = Math.round(rate * seconds);
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++)
    samples[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return { sampleRate: rate, samples };
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

describe('prompt WAV helpers', () => {
  it('encode then decode gives back the same 16-bit mono samples', () => {
    const pcm = tone(440, 8000, 0.1);
    const back = decodeWav(encodeWav(pcm));
    expect(back.sampleRate).toBe(8000);
    expect(Array.from(back.samples)).toEqual(Array.from(pcm.samples));
  });

  it('decodes 8-bit stereo by mixing the channels', () => {
    const bytes = encodeWav({ sampleRate: 8000, samples: new Int16Array(0) });
    const header = new Uint8Array(bytes.slice(0, 44));
    const view = new DataView(header.buffer);
    view.setUint16(22, 2, true);
    view.setUint16(34, 8, true);
    view.setUint32(40, 4, true);
    const wav = new Uint8Array([...header, 128, 128, 255, 128]);
    expect(Array.from(decodeWav(wav).samples)).toEqual([0, (127 << 8) / 2]);
  });

  it('reads a file whose data size was left at its streaming maximum', () => {
    const bytes = encodeWav(tone(300, 8000, 0.05));
    new DataView(bytes.buffer).setUint32(40, 0xffffffff, true);
    expect(decodeWav(bytes).samples.length).toBe(400);
  });

  it('rejects what is not PCM WAV', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 not a wav file'))).toThrow(/RIFF/);
  });

  it('resamples 22050 Hz speech-band tones to 8 kHz keeping length and level', () => {
    const out = resample(tone(400, 22050, 1), 8000);
    expect(out.sampleRate).toBe(8000);
    expect(out.samples.length).toBe(8000);
    expect(rms(out.samples) / rms(tone(400, 8000, 1).samples)).toBeGreaterThan(0.9);
  });

  it('filters tones above the new Nyquist frequency instead of folding them down', () => {
    const out = resample(tone(7000, 22050, 1), 8000);
    expect(rms(out.samples)).toBeLessThan(0.1 * rms(tone(7000, 22050, 1).samples));
  });

  it('joins pieces with silence between them', () => {
    const a = tone(400, 8000, 0.1);
    const joined = concatPcm([a, a], 250);
    expect(joined.samples.length).toBe(800 + 800 + 2000);
    expect(joined.samples.slice(800, 2800).every((s) => s === 0)).toBe(true);
  });
});

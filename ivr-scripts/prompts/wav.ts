/**
 * Just enough WAV for prompt files: read 8/16-bit PCM (as espeak-ng and sox write it), mix to
 * mono, resample, and write 16-bit mono PCM, the format Asterisk plays without transcoding
 * at 8 kHz.
 */
export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

function ascii(bytes: Uint8Array, at: number, len: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + len));
}

export function decodeWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let fmt: { channels: number; rate: number; bits: number } | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    // Writers streaming to a pipe leave the size at its maximum; the data then runs to the end.
    const size = Math.min(view.getUint32(at + 4, true), bytes.length - at - 8);
    const body = at + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      if (format !== 1) throw new Error(`WAV format ${format} is not PCM`);
      fmt = {
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data before its fmt chunk');
      return { sampleRate: fmt.rate, samples: toMono16(view, body, size, fmt.channels, fmt.bits) };
    }
    at = body + size + (size % 2);
  }
  throw new Error('WAV file without a data chunk');
}

function toMono16(
  view: DataView,
  at: number,
  size: number,
  channels: number,
  bits: number,
): Int16Array {
  if (bits !== 16 && bits !== 8) throw new Error(`${bits}-bit WAV is not supported`);
  const bytesPer = bits / 8;
  const frames = Math.floor(size / (bytesPer * channels));
  const out = new Int16Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const p = at + (f * channels + c) * bytesPer;
      sum += bits === 16 ? view.getInt16(p, true) : (view.getUint8(p) - 128) << 8;
    }
    out[f] = Math.round(sum / channels);
  }
  return out;
}

/** A short windowed-sinc low-pass, so that downsampling does not fold high tones into speech. */
function lowPass(samples: Int16Array, cutoff: number): Float64Array {
  const taps = 31;
  const half = (taps - 1) / 2;
  const kernel = new Float64Array(taps);
  let norm = 0;
  for (let i = 0; i < taps; i++) {
    const x = i - half;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (taps - 1));
    kernel[i] = sinc * window;
    norm += kernel[i]!;
  }
  const out = new Float64Array(samples.length);
  for (let n = 0; n < samples.length; n++) {
    let acc = 0;
    for (let i = 0; i < taps; i++) {
      const k = n + i - half;
      if (k >= 0 && k < samples.length) acc += samples[k]! * kernel[i]!;
    }
    out[n] = acc / norm;
  }
  return out;
}

/** Linear interpolation between samples, after a low-pass when the rate goes down. */
export function resample(pcm: Pcm, rate: number): Pcm {
  if (pcm.sampleRate === rate) return pcm;
  const source =
    rate < pcm.sampleRate
      ? lowPass(pcm.samples, (0.45 * rate) / pcm.sampleRate)
      : Float64Array.from(pcm.samples);
  const length = Math.floor((pcm.samples.length * rate) / pcm.sampleRate);
  const out = new Int16Array(length);
  const step = pcm.sampleRate / rate;
  for (let n = 0; n < length; n++) {
    const pos = n * step;
    const i = Math.floor(pos);
    const frac = pos - i;
    const a = source[i] ?? 0;
    const b = source[i + 1] ?? a;
    out[n] = Math.max(-32768, Math.min(32767, Math.round(a + (b - a) * frac)));
  }
  return { sampleRate: rate, samples: out };
}

export function concatPcm(parts: readonly Pcm[], gapMs: number): Pcm {
  const rate = parts[0]?.sampleRate ?? 8000;
  if (parts.some((p) => p.sampleRate !== rate))
    throw new Error('cannot join PCM of different rates');
  const gap = Math.round((rate * gapMs) / 1000);
  const total =
    parts.reduce((n, p) => n + p.samples.length, 0) + gap * Math.max(0, parts.length - 1);
  const out = new Int16Array(total);
  let at = 0;
  parts.forEach((p, i) => {
    if (i > 0) at += gap;
    out.set(p.samples, at);
    at += p.samples.length;
  });
  return { sampleRate: rate, samples: out };
}

export function encodeWav(pcm: Pcm): Uint8Array {
  const dataSize = pcm.samples.length * 2;
  const bytes = new Uint8Array(44 + dataSize);
  const view = new DataView(bytes.buffer);
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
  };
  put(0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, pcm.sampleRate, true);
  view.setUint32(28, pcm.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, dataSize, true);
  pcm.samples.forEach((s, i) => view.setInt16(44 + i * 2, s, true));
  return bytes;
}

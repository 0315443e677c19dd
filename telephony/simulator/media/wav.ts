/** Mono 16-bit PCM WAV at 8 kHz: the format Asterisk writes for `format=wav`. */
export const SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;

interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  data: Buffer;
}

/** Reads the fmt and data chunks of a PCM WAV file, wherever they are. */
export function readWav(file: Buffer): WavInfo {
  if (
    file.length < 12 ||
    file.toString('ascii', 0, 4) !== 'RIFF' ||
    file.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a WAV file');
  }
  let fmt: Omit<WavInfo, 'data'> | undefined;
  for (let at = 12; at + 8 <= file.length;) {
    const id = file.toString('ascii', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      fmt = {
        channels: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        bitsPerSample: file.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk before its fmt chunk');
      return { ...fmt, data: file.subarray(body, Math.min(file.length, body + size)) };
    }
    at = body + size + (size % 2);
  }
  throw new Error('WAV file without a data chunk');
}

export function wavDurationMs(file: Buffer): number {
  const w = readWav(file);
  const bytesPerSecond = w.sampleRate * w.channels * (w.bitsPerSample / 8);
  return Math.round((w.data.length / bytesPerSecond) * 1000);
}

/** The PCM samples of a WAV file. */
export function pcmData(file: Buffer): Buffer {
  return readWav(file).data;
}

export function encodeWav(pcm: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/**
 * `ms` of audio: a quiet 440 Hz tone standing in for the conversation, or silence where the
 * recording was muted, so a listener can hear where the mute was.
 */
export function pcmFor(ms: number, muted: boolean): Buffer {
  const samples = Math.round((ms * SAMPLE_RATE) / 1000);
  const out = Buffer.alloc(samples * 2);
  if (!muted) {
    for (let i = 0; i < samples; i++) {
      out.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE)), i * 2);
    }
  }
  return out;
}

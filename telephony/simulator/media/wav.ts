/** Mono 16-bit PCM WAV at 8 kHz: the format Asterisk writes for `format=wav`. */
export const SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;

export function wavDurationMs(file: Buffer): number {
  const data = pcmData(file);
  return Math.round((data.length / 2 / SAMPLE_RATE) * 1000);
}

/** The PCM samples of a WAV file written by `encodeWav` (or any canonical 44-byte header). */
export function pcmData(file: Buffer): Buffer {
  if (file.length < HEADER_BYTES || file.toString('ascii', 0, 4) !== 'RIFF') {
    throw new Error('not a WAV file');
  }
  const size = file.readUInt32LE(40);
  return file.subarray(HEADER_BYTES, HEADER_BYTES + size);
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

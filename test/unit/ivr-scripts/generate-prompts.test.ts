import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../../ivr-scripts/index.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const espeak = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' });
const hasEspeak = espeak.error === undefined && espeak.status === 0;
const work = mkdtempSync(join(tmpdir(), 'cc-prompts-test-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

function generate(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-prompts.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

function header(file: string) {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    channels: view.getUint16(22, true),
    rate: view.getUint32(24, true),
    bits: view.getUint16(34, true),
    pcm: decodeWav(bytes),
  };
}

describe('npm run prompts', () => {
  it('without espeak-ng on the PATH says so in one line and exits non-zero', () => {
    const emptyBin = join(work, 'empty-bin');
    spawnSync('mkdir', ['-p', emptyBin]);
    const r = generate(['--out', join(work, 'none')], { ...process.env, PATH: emptyBin });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('espeak-ng is not installed'),
    ]);
  }, 60_000);

  it('refuses an unknown option', () => {
    const r = generate(['--loud']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --loud');
  }, 60_000);

  it.skipIf(!hasEspeak)(
    'writes 8 kHz mono 16-bit files where Asterisk looks them up, per language',
    () => {
      const out = join(work, 'sounds');
      const r = generate([
        '--out',
        out,
        '--only',
        'cc/welcome,cc/balance',
        '--resampler',
        'builtin',
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/wrote 8 prompt files \(zh, en\)/);
      for (const lang of ['zh', 'en']) {
        for (const sound of ['welcome', 'balance-1', 'balance-2', 'balance-3']) {
          const wav = header(join(out, lang, 'cc', `${sound}.wav`));
          expect(wav).toMatchObject({ channels: 1, rate: 8000, bits: 16 });
          expect(wav.pcm.samples.length).toBeGreaterThan(800);
          expect(wav.pcm.samples.some((s) => Math.abs(s) > 1000)).toBe(true);
        }
      }
      // The bilingual greeting holds both languages, so it is longer than the English part alone.
      const welcome = header(join(out, 'en', 'cc', 'welcome.wav')).pcm.samples.length;
      const english = header(join(out, 'en', 'cc', 'balance-1.wav')).pcm.samples.length;
      expect(welcome).toBeGreaterThan(english);
    },
    120_000,
  );

  it.skipIf(!hasEspeak)(
    "also speaks the call layer's own sounds (queue announcements, VIP whisper) in zh and en",
    () => {
      const out = join(work, 'layer');
      const r = generate([
        '--out',
        out,
        '--only',
        'cc/queue-wait,cc/whisper-vip',
        '--resampler',
        'builtin',
      ]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/wrote 4 prompt files \(zh, en\)/);
      for (const lang of ['zh', 'en']) {
        for (const sound of ['queue-wait', 'whisper-vip']) {
          const wav = header(join(out, lang, 'cc', `${sound}.wav`));
          expect(wav).toMatchObject({ channels: 1, rate: 8000, bits: 16 });
          expect(wav.pcm.samples.some((s) => Math.abs(s) > 1000)).toBe(true);
        }
      }
    },
    120_000,
  );
});

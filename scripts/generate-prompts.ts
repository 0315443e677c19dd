/**
 * `npm run prompts [-- --out DIR] [--script FILE]... [--sounds FILE] [--only SOUND,...]
 *  [--resampler sox|builtin]`
 *
 * Speaks every prompt of the IVR scripts, and the call layer's own sounds (queue announcements,
 * the VIP whisper: telephony/asterisk/sounds.yaml, or --sounds FILE), with espeak-ng and writes 8 kHz mono 16-bit WAV files
 * laid out like Asterisk's sounds folder: `<out>/<lang>/<sound>.wav` (e.g. `zh/cc/main-menu.wav`),
 * which is where Asterisk looks for `sound:cc/main-menu` played with `lang=zh`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  SHIPPED_SCRIPT_FILES,
  concatPcm,
  decodeWav,
  encodeWav,
  formatIssue,
  IvrError,
  loadIvrScripts,
  promptRecordings,
  resample,
  shippedScriptUrl,
  soundFileRecordings,
} from '../ivr-scripts/index.js';
import { parse as parseYaml } from 'yaml';
import type { Pcm, PromptRecording } from '../ivr-scripts/index.js';

const run = promisify(execFile);
const RATE = 8000;
/** Silence between the languages of a combined (bilingual) prompt. */
const GAP_MS = 300;
const CONCURRENCY = 2;

interface Options {
  out: string;
  scripts: string[];
  /** The call layer's sounds file. */
  sounds: string;
  only: string[] | null;
  resampler: 'sox' | 'builtin' | null;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    out: './data/sounds',
    scripts: [],
    sounds: fileURLToPath(new URL('../telephony/asterisk/sounds.yaml', import.meta.url)),
    only: null,
    resampler: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--out') opts.out = value();
    else if (arg === '--script') opts.scripts.push(value());
    else if (arg === '--sounds') opts.sounds = resolve(value());
    else if (arg === '--only') opts.only = value().split(',').filter(Boolean);
    else if (arg === '--resampler') {
      const r = value();
      if (r !== 'sox' && r !== 'builtin') throw new UsageError('--resampler is sox or builtin');
      opts.resampler = r;
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return opts;
}

function installed(command: string): boolean {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

async function speak(text: string, voice: string, wav: string): Promise<void> {
  await run('espeak-ng', ['-v', voice, '-w', wav, text]);
}

async function toPcm(wav: string, useSox: boolean): Promise<Pcm> {
  if (useSox) {
    const narrow = `${wav}.8k.wav`;
    await run('sox', [
      wav,
      '-r',
      String(RATE),
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      narrow,
    ]);
    return decodeWav(await readFile(narrow));
  }
  return resample(decodeWav(await readFile(wav)), RATE);
}

async function record(
  rec: PromptRecording,
  out: string,
  work: string,
  useSox: boolean,
): Promise<string> {
  const parts: Pcm[] = [];
  for (const [i, piece] of rec.pieces.entries()) {
    const wav = join(work, `${rec.folder}-${rec.sound.replaceAll('/', '_')}-${i}.wav`);
    await speak(piece.text, piece.voice, wav);
    parts.push(await toPcm(wav, useSox));
  }
  const file = join(out, rec.folder, `${rec.sound}.wav`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, encodeWav(concatPcm(parts, GAP_MS)));
  return file;
}

/** One file per (language folder, sound); two scripts asking different words for it is an error. */
function plan(recordings: PromptRecording[], only: string[] | null): PromptRecording[] {
  const byFile = new Map<string, PromptRecording>();
  for (const rec of recordings) {
    const base = rec.sound.replace(/-\d+$/, '');
    if (only && !only.includes(rec.sound) && !only.includes(base)) continue;
    const key = `${rec.folder}/${rec.sound}`;
    const seen = byFile.get(key);
    if (seen && JSON.stringify(seen.pieces) !== JSON.stringify(rec.pieces)) {
      throw new UsageError(`two scripts give different texts for ${key}`);
    }
    byFile.set(key, rec);
  }
  return [...byFile.values()];
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (!installed('espeak-ng')) {
    console.error(
      'espeak-ng is not installed (e.g. apt-get install espeak-ng); no prompts generated',
    );
    return 1;
  }
  const soxPresent = installed('sox');
  if (opts.resampler === 'sox' && !soxPresent)
    throw new UsageError('--resampler sox: sox is not installed');
  const useSox = opts.resampler === null ? soxPresent : opts.resampler === 'sox';

  const files = opts.scripts.length > 0 ? opts.scripts : [...SHIPPED_SCRIPT_FILES];
  const read = (f: string) =>
    readFile(opts.scripts.length > 0 ? resolve(f) : shippedScriptUrl(f), 'utf8');
  const scripts = await loadIvrScripts(files, read);
  const layerSounds = soundFileRecordings(
    parseYaml(await readFile(opts.sounds, 'utf8')) as unknown,
    opts.sounds,
  );
  const recordings = plan(
    [...scripts.ids().flatMap((id) => promptRecordings(scripts.get(id))), ...layerSounds],
    opts.only,
  );
  if (recordings.length === 0) throw new UsageError('nothing to generate (check --only)');

  const out = resolve(opts.out);
  const work = await mkdtemp(join(tmpdir(), 'cc-prompts-'));
  const started = Date.now();
  try {
    const queue = [...recordings];
    const worker = async () => {
      for (let rec = queue.shift(); rec; rec = queue.shift()) await record(rec, out, work, useSox);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const folders = [...new Set(recordings.map((r) => r.folder))].join(', ');
  console.log(
    `wrote ${recordings.length} prompt files (${folders}) to ${out} at ${RATE} Hz mono 16-bit, ` +
      `resampled with ${useSox ? 'sox' : 'the built-in resampler'}, in ${Date.now() - started} ms`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof IvrError)
      console.error(err.issues.map(formatIssue).join('\n') || err.message);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingStore } from './recording-store.js';
import { wavDurationMs } from './wav.js';

/**
 * How long each piece of media lasts, or that it cannot be played (Asterisk then sends
 * PlaybackStarted and, at once, PlaybackFinished with state "failed").
 */
export interface SoundOptions {
  /** Known prompts and their lengths in ms, e.g. `{ 'cc/welcome': 3200 }`. */
  sounds?: Record<string, number>;
  /**
   * A sounds folder laid out like Asterisk's (`<dir>/<lang>/cc/welcome.wav`, as `npm run prompts`
   * writes it): a prompt found there plays for the length of its file.
   */
  soundsDir?: string;
  /** What a `sound:` neither listed nor found does: play for `defaultSoundMs`, or fail as a missing file. */
  unknownSounds?: 'default' | 'missing';
  defaultSoundMs?: number;
  /** Per spoken word of `number:` and per symbol of `digits:`/`characters:`. */
  numberWordMs?: number;
  digitMs?: number;
}

/** Lengths of Asterisk's core prompts the simulator knows by default. */
const CORE_SOUNDS: Record<string, number> = {
  beep: 300,
  'vm-goodbye': 900,
  'pls-hold-while-try': 2100,
  'queue-thankyou': 1800,
  'agent-loginok': 900,
  'tt-monkeys': 8000,
};

const SCHEMES = ['sound', 'number', 'digits', 'characters', 'recording', 'tone'] as const;

export class SoundCatalogue {
  private readonly table = new Map<string, number>();
  private readonly missing = new Set<string>();
  readonly unknownSounds: 'default' | 'missing';
  readonly defaultSoundMs: number;
  private readonly numberWordMs: number;
  private readonly digitMs: number;
  private readonly soundsDir: string | undefined;
  private readonly fileLengths = new Map<string, { mtimeMs: number; ms: number }>();

  constructor(
    options: SoundOptions,
    private readonly store: RecordingStore,
  ) {
    for (const [k, v] of Object.entries({ ...CORE_SOUNDS, ...options.sounds })) this.set(k, v);
    this.unknownSounds = options.unknownSounds ?? 'default';
    this.defaultSoundMs = options.defaultSoundMs ?? 2000;
    this.numberWordMs = options.numberWordMs ?? 450;
    this.digitMs = options.digitMs ?? 400;
    this.soundsDir = options.soundsDir;
  }

  /** The length of `<name>.wav` in the sounds folder, in the language asked for, else in the folder's root. */
  private fromFolder(name: string, language: string): number | undefined {
    if (!this.soundsDir || name.split('/').some((p) => p === '..' || p === '')) return undefined;
    for (const file of [
      join(this.soundsDir, language, `${name}.wav`),
      join(this.soundsDir, `${name}.wav`),
    ]) {
      let mtimeMs: number;
      try {
        mtimeMs = statSync(file).mtimeMs;
      } catch {
        continue;
      }
      const cached = this.fileLengths.get(file);
      if (cached?.mtimeMs === mtimeMs) return cached.ms;
      try {
        const ms = wavDurationMs(readFileSync(file));
        this.fileLengths.set(file, { mtimeMs, ms });
        return ms;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  set(name: string, durationMs: number): void {
    if (!(durationMs > 0)) throw new RangeError(`sound ${name}: duration must be positive`);
    this.table.set(name, durationMs);
    this.missing.delete(name);
  }

  markMissing(name: string): void {
    this.table.delete(name);
    this.missing.add(name);
  }

  list(): { name: string; durationMs: number }[] {
    return [...this.table].map(([name, durationMs]) => ({ name, durationMs }));
  }

  /** Simulated length of one media URI: a number, Infinity (plays until stopped) or undefined (fails). */
  durationOf(uri: string, language = 'en'): number | undefined {
    const colon = uri.indexOf(':');
    const scheme = uri.slice(0, colon);
    const value = uri.slice(colon + 1);
    if (colon < 0 || !(SCHEMES as readonly string[]).includes(scheme) || value === '') {
      return undefined;
    }
    switch (scheme) {
      case 'sound':
        if (this.missing.has(value)) return undefined;
        return (
          this.table.get(value) ??
          this.fromFolder(value, language) ??
          (this.unknownSounds === 'default' ? this.defaultSoundMs : undefined)
        );
      case 'number': {
        const words = numberWordCount(value);
        return words === undefined ? undefined : words * this.numberWordMs;
      }
      case 'digits':
      case 'characters':
        return value.length * this.digitMs;
      case 'recording': {
        const stored = this.store.find(value);
        if (!stored || stored.format !== 'wav') return undefined;
        return wavDurationMs(this.store.read(stored.name, stored.format));
      }
      default:
        return Infinity;
    }
  }
}

const SCALES = ['', 'thousand', 'million', 'billion'];

/** How many English words Asterisk's SayNumber speaks for an integer ("1234" → 6). */
export function numberWordCount(text: string): number | undefined {
  if (!/^-?\d{1,12}$/.test(text)) return undefined;
  let n = Math.abs(Number(text));
  let words = text.startsWith('-') ? 1 : 0;
  if (n === 0) return words + 1;
  for (let scale = 0; n > 0; scale++) {
    const group = n % 1000;
    n = Math.floor(n / 1000);
    if (group === 0) continue;
    const hundreds = Math.floor(group / 100);
    const rest = group % 100;
    if (hundreds > 0) words += 2;
    if (rest >= 20) words += rest % 10 === 0 ? 1 : 2;
    else if (rest > 0) words += 1;
    if (SCALES[scale]) words += 1;
  }
  return words;
}

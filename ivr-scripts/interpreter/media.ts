import type { LanguageTag } from '../languages.js';
import type { CompiledScript, TemplatePart, ValuePart } from '../model.js';
import type { IvrState, VarValue } from './types.js';
import { readVar } from './vars.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;
/** The time of a local date-time, YYYY-MM-DD HH:MM (or THH:MM). */
const TIME = /^\d{4}-\d{2}-\d{2}[ T](\d{2}):(\d{2})/;
const DECIMAL = /^(-?\d+)(?:\.(\d+))?$/;

function takePart(value: string, part: ValuePart | null): string | null {
  if (part === null) return value;
  if (part === 'year' || part === 'month' || part === 'day') {
    const m = DATE.exec(value);
    if (!m) return null;
    const raw = part === 'year' ? m[1]! : part === 'month' ? m[2]! : m[3]!;
    return String(Number(raw));
  }
  if (part === 'hour' || part === 'minute') {
    const m = TIME.exec(value);
    if (!m) return null;
    // The minute keeps its two digits so that `digits` says 14:05 as "fourteen zero five".
    return part === 'hour' ? String(Number(m[1])) : m[2]!;
  }
  const m = DECIMAL.exec(value);
  if (!m) return null;
  return part === 'int' ? m[1]! : (m[2] ?? '').padEnd(2, '0');
}

/** One readback slot as Asterisk media, or nothing when the value is missing or unsayable. */
function slotMedia(
  part: Extract<TemplatePart, { kind: 'slot' }>,
  value: VarValue | undefined,
): string | null {
  if (value === undefined || value === '' || typeof value === 'boolean') return null;
  const text = takePart(String(value), part.part);
  if (text === null) return null;
  switch (part.say) {
    case 'number': {
      const m = DECIMAL.exec(text);
      return m ? `number:${Number(m[1])}` : null;
    }
    case 'digits': {
      const digits = text.replace(/\D/g, '');
      return digits === '' ? null : `digits:${digits}`;
    }
    case 'characters': {
      const chars = text.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
      return chars === '' ? null : `characters:${chars}`;
    }
  }
}

/**
 * The media list for prompts in the caller's language: recorded chunks as `sound:<name>` (the
 * playback's `lang` makes Asterisk pick `sounds/<lang>/<name>`), readback slots as
 * `number:`/`digits:`/`characters:`, which Asterisk speaks in that same language.
 */
export function promptMedia(
  script: CompiledScript,
  prompts: readonly string[],
  language: LanguageTag,
  state: IvrState,
): string[] {
  const media: string[] = [];
  for (const id of prompts) {
    const prompt = script.prompts[id];
    if (!prompt) continue;
    for (const part of prompt.parts[language]) {
      if (part.kind === 'sound') media.push(`sound:${part.sound}`);
      else {
        const m = slotMedia(part, readVar(state, part.path));
        if (m !== null) media.push(m);
      }
    }
  }
  return media;
}

import type { SayAs, TemplatePart, ValuePart } from '../model.js';

const SAY: readonly SayAs[] = ['number', 'digits', 'characters'];
const PARTS: readonly ValuePart[] = ['year', 'month', 'day', 'hour', 'minute', 'int', 'frac'];
/** Text worth recording: anything with a letter or a digit, not a lone comma or full stop. */
const SPEAKABLE = /[\p{L}\p{N}]/u;

export interface ParsedSlot {
  /** The path as written, before the value part is split off (resolved against known vars). */
  path: string;
  say: SayAs;
}

export type TemplateParse =
  { ok: true; parts: TemplatePart[]; slots: ParsedSlot[] } | { ok: false; reason: string };

/**
 * Splits a prompt text at its readback slots `{path:say}`. Each speakable stretch of text
 * between slots becomes its own recording, named `<sound>-<n>`; a text without slots is one
 * recording named `<sound>`. The value part (`.year`, `.int`…) is resolved later, once the
 * compiler knows which variables exist.
 */
export function parseTemplate(text: string, sound: string): TemplateParse {
  const chunks: string[] = [];
  const slots: ParsedSlot[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open < 0) {
      if (close >= 0) return { ok: false, reason: `"}" without "{" in "${text}"` };
      chunks.push(rest);
      break;
    }
    if (close < open) return { ok: false, reason: `unbalanced braces in "${text}"` };
    chunks.push(rest.slice(0, open));
    const body = rest.slice(open + 1, close);
    const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*:\s*([a-z]+)\s*$/.exec(body);
    if (!m) return { ok: false, reason: `slot "{${body}}" is not {variable:say}` };
    const say = m[2] as SayAs;
    if (!SAY.includes(say)) {
      return { ok: false, reason: `slot "{${body}}": say as one of ${SAY.join(', ')}` };
    }
    slots.push({ path: m[1]!, say });
    rest = rest.slice(close + 1);
  }
  const parts: TemplatePart[] = [];
  if (slots.length === 0) {
    if (!SPEAKABLE.test(text)) return { ok: false, reason: 'the text is empty' };
    return { ok: true, parts: [{ kind: 'sound', sound, text: text.trim() }], slots };
  }
  let n = 0;
  chunks.forEach((chunk, i) => {
    if (SPEAKABLE.test(chunk)) {
      n += 1;
      parts.push({ kind: 'sound', sound: `${sound}-${n}`, text: chunk.trim() });
    }
    const slot = slots[i];
    if (slot) parts.push({ kind: 'slot', path: slot.path, part: null, say: slot.say });
  });
  return { ok: true, parts, slots };
}

/**
 * Resolves `a.b.year` against the known variables: the whole path if it is a variable,
 * else the variable plus a value part. Returns null when neither fits.
 */
export function resolveSlotPath(
  path: string,
  known: (name: string) => boolean,
): { path: string; part: ValuePart | null } | null {
  if (known(path)) return { path, part: null };
  const dot = path.lastIndexOf('.');
  if (dot < 0) return null;
  const part = path.slice(dot + 1) as ValuePart;
  const head = path.slice(0, dot);
  if (PARTS.includes(part) && known(head)) return { path: head, part };
  return null;
}

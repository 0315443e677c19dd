import type { LanguageTag } from '../languages.js';
import type { CompiledPrompt, TemplatePart } from '../model.js';
import type { PromptSource } from '../schema.js';
import type { IssueList } from './issues.js';
import { checkTextLanguages } from './texts.js';
import { parseTemplate } from './templates.js';

/**
 * Checks each prompt has a sound and a text for every language of the script, and splits the
 * texts into recordings and readback slots. Issues name the prompt as `prompt:<id>`.
 */
export function compilePrompts(
  source: Record<string, PromptSource>,
  languages: readonly LanguageTag[],
  issues: IssueList,
): Record<string, CompiledPrompt> {
  const out: Record<string, CompiledPrompt> = {};
  const soundOwner = new Map<string, string>();
  for (const [id, p] of Object.entries(source)) {
    const where = `prompt:${id}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) {
      issues.add('schema_invalid', `prompt id "${id}" is not a valid id`, where);
      continue;
    }
    if (p.sound === undefined) {
      issues.add('missing_prompt', 'no sound name (e.g. cc/main-menu)', where);
      continue;
    }
    checkTextLanguages(p.text, languages, 'text', where, issues);
    const parts = {} as Record<LanguageTag, TemplatePart[]>;
    const texts = {} as Record<LanguageTag, string>;
    let ok = true;
    for (const lang of languages) {
      const text = p.text[lang];
      if (text === undefined || text.trim() === '') {
        issues.add('missing_prompt', `no ${lang} text`, where);
        ok = false;
        continue;
      }
      const parsed = parseTemplate(text, p.sound);
      if (!parsed.ok) {
        issues.add('bad_template', `${lang}: ${parsed.reason}`, where);
        ok = false;
        continue;
      }
      if (p.combined && parsed.slots.length > 0) {
        issues.add(
          'bad_template',
          'a combined prompt is one recording and cannot hold readback slots',
          where,
        );
        ok = false;
      }
      parts[lang] = parsed.parts;
      texts[lang] = text;
      for (const part of parsed.parts) {
        if (part.kind !== 'sound') continue;
        const owner = soundOwner.get(part.sound);
        if (owner !== undefined && owner !== id) {
          issues.add('bad_template', `sound ${part.sound} is also used by prompt ${owner}`, where);
          ok = false;
        }
        soundOwner.set(part.sound, id);
      }
    }
    if (ok) out[id] = { id, sound: p.sound, combined: p.combined ?? false, parts, texts };
  }
  return out;
}

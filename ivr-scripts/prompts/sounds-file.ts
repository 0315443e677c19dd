import { z } from 'zod';
import { IvrError } from '../errors.js';
import { LANGUAGES, LANGUAGE_TAGS, isLanguageTag } from '../languages.js';
import type { PromptRecording } from './recordings.js';

const SOUND_NAME = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;

const soundsFile = z.strictObject({
  sounds: z.record(z.string(), z.record(z.string(), z.string().trim().min(1))),
});

/**
 * The recordings of a sounds file (`sounds: {<sound>: {<language>: text}}`): sounds played by
 * something other than a script, such as the queue announcements. Every sound needs a text in
 * every language a caller may have; `file` names the file in errors.
 */
export function soundFileRecordings(parsed: unknown, file: string): PromptRecording[] {
  const fail = (where: string | undefined, reason: string): never => {
    throw new IvrError('script_invalid', `${file}: ${where ?? ''} ${reason}`, [
      { file, ...(where ? { node: `prompt:${where}` } : {}), code: 'schema_invalid', reason },
    ]);
  };
  const r = soundsFile.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0];
    return fail(issue?.path.slice(1).join('.') || undefined, issue?.message ?? 'invalid');
  }
  const out: PromptRecording[] = [];
  for (const [sound, texts] of Object.entries(r.data.sounds)) {
    if (!SOUND_NAME.test(sound)) fail(sound, 'is not a lower-case path such as cc/queue-wait');
    const unknown = Object.keys(texts).find((lang) => !isLanguageTag(lang));
    if (unknown !== undefined) fail(sound, `unknown language ${unknown}`);
    for (const lang of LANGUAGE_TAGS) {
      const text = texts[lang];
      if (text === undefined) return fail(sound, `no ${lang} text`);
      const { asterisk, espeakVoice } = LANGUAGES[lang];
      out.push({ folder: asterisk, sound, pieces: [{ text, language: lang, voice: espeakVoice }] });
    }
  }
  return out;
}

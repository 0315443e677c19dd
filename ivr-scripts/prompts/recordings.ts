import { LANGUAGES } from '../languages.js';
import type { AsteriskLanguage, LanguageTag } from '../languages.js';
import type { CompiledScript } from '../model.js';

export interface RecordingPiece {
  text: string;
  language: LanguageTag;
  /** The espeak-ng voice for this piece's language. */
  voice: string;
}

/** One sound file to produce: `<sounds>/<folder>/<sound>.wav`, spoken as `pieces` in order. */
export interface PromptRecording {
  folder: AsteriskLanguage;
  sound: string;
  pieces: RecordingPiece[];
}

function piece(text: string, language: LanguageTag): RecordingPiece {
  return { text, language, voice: LANGUAGES[language].espeakVoice };
}

/**
 * Every recording a script's prompts need, laid out the way Asterisk looks them up for a playback
 * of `sound:<sound>` with `lang=<folder>`. A combined prompt (the bilingual greeting) is one
 * recording of every language's text, each in its own voice, placed under every language.
 */
export function promptRecordings(script: CompiledScript): PromptRecording[] {
  const out: PromptRecording[] = [];
  for (const prompt of Object.values(script.prompts)) {
    for (const lang of script.languages) {
      const folder = LANGUAGES[lang].asterisk;
      if (prompt.combined) {
        const pieces = script.languages.map((l) => piece(prompt.texts[l].trim(), l));
        out.push({ folder, sound: prompt.sound, pieces });
        continue;
      }
      for (const part of prompt.parts[lang]) {
        if (part.kind === 'sound')
          out.push({ folder, sound: part.sound, pieces: [piece(part.text, lang)] });
      }
    }
  }
  return out;
}

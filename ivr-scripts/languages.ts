/**
 * The caller-facing languages a script may use, and how each maps onto Asterisk and espeak-ng.
 * Asterisk finds `sound:cc/x` under `sounds/<asterisk>/cc/x.wav` when a playback carries
 * `lang=<asterisk>`, and its `number:`/`digits:` sayers have a `zh` grammar, hence `zh` for zh-CN.
 */
export const LANGUAGES = {
  'zh-CN': { asterisk: 'zh', espeakVoice: 'cmn' },
  en: { asterisk: 'en', espeakVoice: 'en' },
} as const;

export type LanguageTag = keyof typeof LANGUAGES;
export type AsteriskLanguage = (typeof LANGUAGES)[LanguageTag]['asterisk'];

export const LANGUAGE_TAGS = Object.keys(LANGUAGES) as LanguageTag[];

export function isLanguageTag(value: unknown): value is LanguageTag {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

export function asteriskLanguage(tag: LanguageTag): AsteriskLanguage {
  return LANGUAGES[tag].asterisk;
}

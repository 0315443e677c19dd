import type { LocalizedNames } from './contracts.js';
import { messages, type Lang, type MessageKey } from './messages.js';
import type { KeyValueStorage } from './storage.js';

export type { Lang, MessageKey };
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'cc.lang';

/** The UI language (zh-CN unless the user chose otherwise) and the one lookup for UI text. */
export class I18n {
  lang = $state<Lang>('zh-CN');

  constructor(
    private readonly storage: Pick<KeyValueStorage, 'getItem' | 'setItem'> | null = null,
  ) {
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') this.lang = saved;
  }

  /** The text for `key` with `{name}` placeholders filled from `params`. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const text: string = messages[this.lang][key] ?? messages['zh-CN'][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params ? String(params[name]) : m,
    );
  };

  /** For keys built from data (`state.paused`), falling back to the raw value. */
  tk = (prefix: string, value: string): string => {
    const key = `${prefix}.${value}`;
    return key in messages[this.lang] ? this.t(key as MessageKey) : value;
  };

  /** A configured name (a queue's) in the UI language, else `fallback` (e.g. the id). */
  name = (names: LocalizedNames | undefined, fallback: string): string =>
    names?.[this.lang] ?? fallback;

  set(lang: Lang): void {
    this.lang = lang;
    this.storage?.setItem(STORAGE_KEY, lang);
  }

  toggle(): void {
    this.set(this.lang === 'zh-CN' ? 'en' : 'zh-CN');
  }
}

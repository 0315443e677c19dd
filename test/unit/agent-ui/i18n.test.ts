import { describe, expect, it } from 'vitest';
import { I18n } from '../../../agent-ui/src/lib/i18n.svelte.js';
import { messages } from '../../../agent-ui/src/lib/messages.js';
import { MemoryStorage } from './support/fake-transport.js';

describe('I18n', () => {
  it('speaks Chinese unless told otherwise', () => {
    const i18n = new I18n(new MemoryStorage());
    expect(i18n.lang).toBe('zh-CN');
    expect(i18n.t('call.hangup')).toBe('挂断');
  });

  it('switches to English and remembers the choice', () => {
    const storage = new MemoryStorage();
    new I18n(storage).toggle();
    const again = new I18n(storage);
    expect(again.lang).toBe('en');
    expect(again.t('call.hangup')).toBe('Hang up');
  });

  it('fills placeholders and translates data values, falling back to the raw value', () => {
    const i18n = new I18n();
    i18n.set('en');
    expect(i18n.t('wrapup.slaDue', { due: '12:00' })).toBe('Due by 12:00');
    expect(i18n.tk('state', 'wrap_up')).toBe('Wrap-up');
    expect(i18n.tk('category', 'roaming')).toBe('roaming');
  });

  it('shows a configured name in the UI language, else the fallback', () => {
    const i18n = new I18n();
    const names = { 'zh-CN': 'VIP 专线', en: 'VIP line' };
    expect(i18n.name(names, 'vip')).toBe('VIP 专线');
    i18n.set('en');
    expect(i18n.name(names, 'vip')).toBe('VIP line');
    expect(i18n.name({ 'zh-CN': '投诉处理' }, 'complaints')).toBe('complaints');
    expect(i18n.name(undefined, 'support')).toBe('support');
  });

  it('has the same placeholders in both languages for every key', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, zh] of Object.entries(messages['zh-CN'])) {
      const en = messages.en[k as keyof typeof messages.en];
      expect(en, k).toBeTruthy();
      expect(names(en), k).toEqual(names(zh));
    }
  });
});

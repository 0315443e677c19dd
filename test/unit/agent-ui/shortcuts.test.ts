import { describe, expect, it } from 'vitest';
import { SHORTCUTS, Shortcuts } from '../../../agent-ui/src/lib/shortcuts.svelte.js';
import { messages } from '../../../agent-ui/src/lib/messages.js';

const key = (
  k: string,
  tagName?: string,
  mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
  target: tagName ? { tagName } : null,
});

describe('Shortcuts', () => {
  it('runs the action bound to a key', () => {
    const s = new Shortcuts();
    const calls: string[] = [];
    s.on('hangup', () => calls.push('hangup'));
    expect(s.handle(key('h'))).toBe('hangup');
    expect(s.handle(key('H'))).toBe('hangup');
    expect(calls).toEqual(['hangup', 'hangup']);
  });

  it('stays quiet while the agent types in a field or uses a modifier', () => {
    const s = new Shortcuts();
    const calls: string[] = [];
    s.on('hangup', () => calls.push('hangup'));
    expect(s.handle(key('h', 'TEXTAREA'))).toBeNull();
    expect(s.handle(key('h', 'INPUT'))).toBeNull();
    expect(s.handle(key('h', undefined, { ctrlKey: true }))).toBeNull();
    expect(calls).toEqual([]);
  });

  it('toggles the help overlay with ? and closes it with Escape', () => {
    const s = new Shortcuts();
    s.handle(key('?'));
    expect(s.overlayOpen).toBe(true);
    s.handle(key('Escape', 'INPUT'));
    expect(s.overlayOpen).toBe(false);
  });

  it('ignores a key with no handler on this page', () => {
    const s = new Shortcuts();
    expect(s.handle(key('3'))).toBeNull();
  });

  it('documents every shortcut in both languages and uses each key once', () => {
    expect(new Set(SHORTCUTS.map((x) => x.key)).size).toBe(SHORTCUTS.length);
    for (const sc of SHORTCUTS) {
      expect(messages['zh-CN'][sc.label]).toBeTruthy();
      expect(messages.en[sc.label]).toBeTruthy();
    }
  });
});

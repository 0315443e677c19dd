import type { MessageKey } from './i18n.svelte.js';

export type ShortcutAction =
  | 'help'
  | 'available'
  | 'pause'
  | 'hangup'
  | 'recording'
  | 'transfer'
  | 'wrapup'
  | 'search'
  | 'language'
  | 'viewConsole'
  | 'viewCustomers'
  | 'viewSupervisor'
  | 'close';

export interface Shortcut {
  key: string;
  action: ShortcutAction;
  label: MessageKey;
}

/** The keyboard map, shown as it is in the `?` overlay. */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: '?', action: 'help', label: 'shortcut.help' },
  { key: 'a', action: 'available', label: 'shortcut.available' },
  { key: 'p', action: 'pause', label: 'shortcut.pause' },
  { key: 'h', action: 'hangup', label: 'shortcut.hangup' },
  { key: 'r', action: 'recording', label: 'shortcut.recording' },
  { key: 't', action: 'transfer', label: 'shortcut.transfer' },
  { key: 'w', action: 'wrapup', label: 'shortcut.wrapup' },
  { key: '/', action: 'search', label: 'shortcut.search' },
  { key: 'l', action: 'language', label: 'shortcut.language' },
  { key: '1', action: 'viewConsole', label: 'shortcut.viewConsole' },
  { key: '2', action: 'viewCustomers', label: 'shortcut.viewCustomers' },
  { key: '3', action: 'viewSupervisor', label: 'shortcut.viewSupervisor' },
  { key: 'Escape', action: 'close', label: 'shortcut.close' },
];

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element: single-letter shortcuts stay quiet while the agent types. */
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export class Shortcuts {
  overlayOpen = $state(false);
  #handlers = new Map<ShortcutAction, () => void>();

  on(action: ShortcutAction, handler: () => void): void {
    this.#handlers.set(action, handler);
  }

  /** The action a key press triggered, or null when it was not a shortcut here. */
  handle(e: KeyInput): ShortcutAction | null {
    if (e.ctrlKey || e.metaKey || e.altKey) return null;
    const typing =
      !!e.target && (TYPING_TAGS.has(e.target.tagName ?? '') || !!e.target.isContentEditable);
    if (typing && e.key !== 'Escape') return null;
    const shortcut = SHORTCUTS.find((s) => s.key === e.key || s.key === e.key.toLowerCase());
    if (!shortcut) return null;
    if (shortcut.action === 'help') {
      this.overlayOpen = !this.overlayOpen;
      return 'help';
    }
    if (shortcut.action === 'close' && this.overlayOpen) {
      this.overlayOpen = false;
      return 'close';
    }
    const handler = this.#handlers.get(shortcut.action);
    if (!handler) return null;
    handler();
    return shortcut.action;
  }
}

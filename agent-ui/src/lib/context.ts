import { getContext, setContext } from 'svelte';
import type { ApiClient } from './api.js';
import type { Auth } from './auth.svelte.js';
import type { Clock } from './clock.svelte.js';
import type { ConsoleApp } from './console-app.svelte.js';
import type { I18n } from './i18n.svelte.js';
import type { Router } from './router.svelte.js';
import type { Shortcuts } from './shortcuts.svelte.js';

/** What every component of a logged-in console can reach. */
export interface UiContext {
  app: ConsoleApp;
  api: ApiClient;
  auth: Auth;
  i18n: I18n;
  router: Router;
  shortcuts: Shortcuts;
  clock: Clock;
}

const KEY = Symbol('cc-ui');

export function provideUi(ctx: UiContext): void {
  setContext(KEY, ctx);
}

export function ui(): UiContext {
  const ctx = getContext<UiContext | undefined>(KEY);
  if (!ctx) throw new Error('ui() used outside the console');
  return ctx;
}

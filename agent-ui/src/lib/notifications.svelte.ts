import type { ConsoleNotification } from './contracts.js';

const MAX_SHOWN = 5;

/** Alerts pushed by the server (complaint SLA, callbacks due, forced state), newest first. */
export class Notifications {
  items = $state<ConsoleNotification[]>([]);

  push(n: ConsoleNotification): void {
    if (this.items.some((i) => i.id === n.id)) return;
    this.items = [n, ...this.items].slice(0, MAX_SHOWN);
  }

  dismiss(id: string): void {
    this.items = this.items.filter((i) => i.id !== id);
  }
}

import { WebSocket } from 'ws';
import type { EventSink } from './context.js';

/**
 * The apps' event WebSockets. One socket per app: a newer connection for the same app takes
 * over and the older one is told with ApplicationReplaced, as Asterisk does.
 */
export class EventHub implements EventSink {
  private readonly sockets = new Map<string, WebSocket>();
  /** Apps whose reconnection is refused until the given wall-clock time (ms). */
  private readonly refused = new Map<string, number>();
  private refuseAllUntil = 0;

  constructor(
    private readonly onRegister: (app: string) => void,
    private readonly replacedEvent: (app: string) => Record<string, unknown>,
  ) {}

  isActive(app: string): boolean {
    return this.sockets.get(app)?.readyState === WebSocket.OPEN;
  }

  deliver(app: string, event: Record<string, unknown>): void {
    const ws = this.sockets.get(app);
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
  }

  connectedApps(): string[] {
    return [...this.sockets.keys()].filter((a) => this.isActive(a));
  }

  refusing(apps: string[]): boolean {
    const now = Date.now();
    return now < this.refuseAllUntil || apps.some((a) => now < (this.refused.get(a) ?? 0));
  }

  attach(ws: WebSocket, apps: string[]): void {
    for (const app of apps) {
      const old = this.sockets.get(app);
      if (old && old !== ws && old.readyState === WebSocket.OPEN) {
        old.send(JSON.stringify(this.replacedEvent(app)));
      }
      this.sockets.set(app, ws);
      this.onRegister(app);
    }
    ws.on('close', () => {
      for (const [app, s] of this.sockets) if (s === ws) this.sockets.delete(app);
    });
  }

  /**
   * Cuts the app's connection (all apps when none is named) the way a network failure would,
   * and refuses new connections for `refuseMs`. Returns how many sockets were cut.
   */
  drop(app: string | undefined, refuseMs: number): number {
    const until = Date.now() + refuseMs;
    if (app === undefined) this.refuseAllUntil = until;
    else this.refused.set(app, until);
    const victims = new Set<WebSocket>();
    for (const [a, ws] of this.sockets) if (app === undefined || a === app) victims.add(ws);
    for (const ws of victims) ws.terminate();
    for (const [a, ws] of [...this.sockets]) if (victims.has(ws)) this.sockets.delete(a);
    return victims.size;
  }

  closeAll(): void {
    for (const ws of new Set(this.sockets.values())) ws.terminate();
    this.sockets.clear();
  }
}

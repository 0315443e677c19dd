import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import {
  takeOverEvents,
  terminateSocket,
  type AriClientView,
  type ConnectFn,
} from './client-view.js';
import { SafeHandlers } from './dispatch.js';
import { classifyAriFailure } from './errors.js';
import type { AriLogger } from './logger.js';
import type { ConnectionInfo } from './port.js';
import { safeUrl, type PreflightFn } from './preflight.js';

export interface ConnectionOptions {
  url: string;
  username: string;
  password: string;
  app: string;
  logger: AriLogger;
  connect: ConnectFn;
  preflight: PreflightFn;
  backoff?: BackoffPolicy;
  /** WebSocket ping interval; a ping unanswered by the next one drops the socket. 0 disables. */
  heartbeatMs?: number;
  random?: () => number;
}

/**
 * Owns the connection to ARI for as long as the port runs. ari-client reconnects a dropped
 * WebSocket by itself, but gives up after ten attempts; this loop then starts over with a
 * fresh client (reloading the API documents) and keeps trying, with backoff, forever.
 */
export class AriConnection {
  client: AriClientView | undefined;
  connected = false;
  readonly rawEvents: SafeHandlers<unknown>;
  readonly up: SafeHandlers<ConnectionInfo>;
  readonly down: SafeHandlers<{ reason: string }>;
  private stopped = true;
  private looping = false;
  private everConnected = false;
  private attempt = 0;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private awaitingPong = false;

  constructor(private readonly o: ConnectionOptions) {
    this.rawEvents = new SafeHandlers(o.logger, 'ARI event');
    this.up = new SafeHandlers(o.logger, 'ARI connected');
    this.down = new SafeHandlers(o.logger, 'ARI disconnected');
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.stopHeartbeat();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
    const client = this.client;
    this.client = undefined;
    if (client) this.retire(client, true);
    if (this.connected) {
      this.connected = false;
      this.down.emit({ reason: 'stopped' });
    }
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (!this.stopped) {
        try {
          await this.o.preflight(this.o.url, this.o.username, this.o.password);
          const client = await this.o.connect(this.o.url, this.o.username, this.o.password);
          if (this.stopped) {
            this.retire(client, false);
            return;
          }
          this.adopt(client);
          // Resolves once the socket is open; from then on ari-client handles short drops.
          await client.start(this.o.app);
          return;
        } catch (err) {
          if (this.client) {
            this.retire(this.client, true);
            this.client = undefined;
          }
          if (this.stopped) return;
          const delay = backoffDelay(
            this.attempt++,
            this.o.backoff ?? DEFAULT_BACKOFF,
            this.o.random,
          );
          const e = classifyAriFailure(err, 'connect');
          this.o.logger.warn(
            {
              url: safeUrl(this.o.url),
              app: this.o.app,
              code: e.code,
              attempt: this.attempt,
              retryInMs: delay,
            },
            `ARI connection failed: ${e.message}`,
          );
          await this.sleep(delay);
        }
      }
    } finally {
      this.looping = false;
    }
  }

  private adopt(client: AriClientView): void {
    this.client = client;
    client.on('WebSocketConnected', () => {
      if (this.client !== client) return;
      takeOverEvents(client, (raw) => {
        if (this.client === client) this.rawEvents.emit(raw);
      });
      this.connected = true;
      this.attempt = 0;
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.startHeartbeat(client);
      this.o.logger.info({ url: safeUrl(this.o.url), app: this.o.app, reconnect }, 'ARI connected');
      this.up.emit({ reconnect });
    });
    client.on('WebSocketReconnecting', (err: unknown) => {
      if (this.client !== client) return;
      this.lost(err);
    });
    client.on('WebSocketMaxRetries', (err: unknown) => {
      if (this.client !== client) return;
      this.lost(err);
      this.client = undefined;
      this.retire(client, false);
      this.o.logger.warn({ app: this.o.app }, 'ari-client gave up reconnecting; starting over');
      if (!this.stopped) void this.loop();
    });
    client.on('pong', () => {
      this.awaitingPong = false;
    });
    client.on('*', (event: unknown) => {
      if (this.client === client) this.rawEvents.emit(event);
    });
  }

  private lost(err: unknown): void {
    this.stopHeartbeat();
    if (!this.connected) return;
    this.connected = false;
    const reason = err instanceof Error ? err.message : 'connection closed';
    this.o.logger.warn({ app: this.o.app, reason }, 'ARI disconnected');
    this.down.emit({ reason });
  }

  /** Stops listening to a client; `close` also closes its socket. */
  private retire(client: AriClientView, close: boolean): void {
    client.removeAllListeners();
    if (!close) return;
    try {
      client.stop();
    } catch {
      // The client never opened a socket: there is nothing to close.
    }
  }

  private startHeartbeat(client: AriClientView): void {
    this.stopHeartbeat();
    const every = this.o.heartbeatMs ?? 15_000;
    if (every <= 0) return;
    this.awaitingPong = false;
    this.heartbeat = setInterval(() => {
      if (this.awaitingPong) {
        this.o.logger.warn(
          { app: this.o.app },
          'ARI WebSocket did not answer a ping; reconnecting',
        );
        this.awaitingPong = false;
        terminateSocket(client);
        return;
      }
      this.awaitingPong = true;
      client.ping();
    }, every);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
      this.sleepTimer.unref();
    });
  }
}

export const ok = <T extends object>(body: T) => ({ ok: true as const, ...body });
export const refuse = (error: string, message: string) => ({ ok: false as const, error, message });

/**
 * A console transport driven by the spec: it plays the server's side (events, acks, connection
 * changes) and records what the console asked for.
 */
import type {
  ClientEvent,
  ClientEventAck,
  ClientEventInput,
  ConnectionEvent,
  ConsoleTransport,
  ServerEvent,
  ServerEventArg,
} from '../../../../agent-ui/src/lib/transport.js';
import type { DraftStorage } from '../../../../agent-ui/src/lib/wrapup.svelte.js';

type Responder<E extends ClientEvent> = (input: ClientEventInput<E>) => ClientEventAck<E>;

export class FakeTransport implements ConsoleTransport {
  readonly requests: { event: ClientEvent; input: unknown }[] = [];
  closed = false;
  #eventHandlers: (<E extends ServerEvent>(event: E, arg: ServerEventArg<E>) => void)[] = [];
  #connectionHandlers: ((e: ConnectionEvent) => void)[] = [];
  #responders = new Map<ClientEvent, (input: unknown) => unknown>();

  onEvent(handler: <E extends ServerEvent>(event: E, arg: ServerEventArg<E>) => void): void {
    this.#eventHandlers.push(handler);
  }

  onConnection(handler: (e: ConnectionEvent) => void): void {
    this.#connectionHandlers.push(handler);
  }

  respond<E extends ClientEvent>(event: E, responder: Responder<E>): void {
    this.#responders.set(event, responder as (input: unknown) => unknown);
  }

  request<E extends ClientEvent>(event: E, input: ClientEventInput<E>): Promise<ClientEventAck<E>> {
    this.requests.push({ event, input });
    const responder = this.#responders.get(event);
    const ack = responder
      ? responder(input)
      : { ok: false, error: 'no_responder', message: `no responder for ${event}` };
    return Promise.resolve(ack as ClientEventAck<E>);
  }

  close(): void {
    this.closed = true;
  }

  // ---- the server's side ----

  emit<E extends ServerEvent>(event: E, arg: ServerEventArg<E>): void {
    for (const h of this.#eventHandlers) h(event, arg);
  }

  connect(): void {
    for (const h of this.#connectionHandlers) h({ kind: 'connected' });
  }

  drop(): void {
    for (const h of this.#connectionHandlers) {
      h({ kind: 'disconnected', reason: 'transport close', willReconnect: true });
    }
  }
}

/** An in-memory Web Storage. */
export class MemoryStorage implements DraftStorage {
  #map = new Map<string, string>();
  get length(): number {
    return this.#map.size;
  }
  getItem(key: string): string | null {
    return this.#map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#map.set(key, String(value));
  }
}

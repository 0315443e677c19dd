import type { Ack, ClientToServerEvents, ServerToClientEvents } from './contracts.js';

export type ServerEvent = keyof ServerToClientEvents;
export type ServerEventArg<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
export type ClientEvent = keyof ClientToServerEvents;
export type ClientEventInput<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
export type ClientEventAck<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: infer R,
) => void
  ? R
  : never;

export type ConnectionEvent =
  | { kind: 'connected' }
  | { kind: 'disconnected'; reason: string; willReconnect: boolean }
  | { kind: 'refused'; code: string; message: string };

/**
 * What the console needs from its socket. The real one wraps socket.io-client; specs drive the
 * state classes with a fake.
 */
export interface ConsoleTransport {
  onEvent(handler: <E extends ServerEvent>(event: E, arg: ServerEventArg<E>) => void): void;
  onConnection(handler: (e: ConnectionEvent) => void): void;
  request<E extends ClientEvent>(event: E, input: ClientEventInput<E>): Promise<ClientEventAck<E>>;
  close(): void;
}

/** An ack for a request that could not reach the server. */
export function offlineAck(): Extract<Ack, { ok: false }> {
  return { ok: false, error: 'offline', message: 'not connected to the server' };
}

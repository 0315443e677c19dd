import ari from 'ari-client';

/**
 * A typed view of the parts of an ari-client 2.2.0 client the port uses: the connection and its
 * events (REST requests go through rest.ts).
 */
export interface AriClientView {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeAllListeners(): unknown;
  start(app: string): Promise<void>;
  stop(): void;
  ping(): void;
}

export type ConnectFn = (url: string, username: string, password: string) => Promise<AriClientView>;

export const connectWithAriClient: ConnectFn = async (url, username, password) => {
  quietSwaggerLog();
  return (await ari.connect(url, username, password)) as AriClientView;
};

/**
 * swagger-client 2.0 (inside ari-client) sets a global `log` that prints an unstructured array
 * on stdout when it reads ARI's Swagger 1.1 description ("deprecated version of Swagger"), and
 * keeps every line it was given in `log.history`. Logs here are structured (pino) and that line
 * carries nothing useful, so the global is replaced with one that drops it.
 */
function quietSwaggerLog(): void {
  (globalThis as { log?: unknown }).log = () => undefined;
}

/** Closes the events socket so that ari-client reconnects (its `_ws` is private in 2.2.0). */
export function terminateSocket(client: AriClientView): void {
  const ws = (client as unknown as { _ws?: { terminate?: () => void } })._ws;
  ws?.terminate?.();
}

/**
 * Takes the events socket's messages over from ari-client, which turns every event into resource
 * objects with their operations attached (lodash and swagger work that was most of this
 * process's per-event CPU, and that the port never uses): the socket then hands the parsed
 * JSON straight to `deliver`. ari-client opens a new socket on every reconnection, so this is
 * called on every `WebSocketConnected`; answers false when the client has no socket to take
 * over (then ari-client's own `*` events still flow).
 */
export function takeOverEvents(client: AriClientView, deliver: (raw: unknown) => void): boolean {
  const ws = (client as unknown as { _ws?: unknown })._ws as
    | {
        removeAllListeners?: (event: string) => unknown;
        on?: (event: string, fn: (data: unknown) => void) => unknown;
      }
    | undefined;
  if (typeof ws?.removeAllListeners !== 'function' || typeof ws.on !== 'function') return false;
  ws.removeAllListeners('message');
  ws.on('message', (data) => {
    const text = String(data);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // Not JSON: the port logs it as an event of unexpected shape.
      raw = text;
    }
    deliver(raw);
  });
  return true;
}

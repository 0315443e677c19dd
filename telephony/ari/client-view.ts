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

export const connectWithAriClient: ConnectFn = async (url, username, password) =>
  (await ari.connect(url, username, password)) as AriClientView;

/** Closes the events socket so that ari-client reconnects (its `_ws` is private in 2.2.0). */
export function terminateSocket(client: AriClientView): void {
  const ws = (client as unknown as { _ws?: { terminate?: () => void } })._ws;
  ws?.terminate?.();
}

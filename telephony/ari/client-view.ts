import ari from 'ari-client';
import { AriError } from './errors.js';

/**
 * A typed view of the parts of an ari-client 2.2.0 client the port uses. ari-client builds its
 * operations at run time from the server's Swagger documents (`client.channels.answer`, ...),
 * so they are looked up by resource and nickname and checked before use.
 */
export type AriOperation = (args?: Record<string, unknown>, instance?: unknown) => Promise<unknown>;

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

export function operation(client: AriClientView, resource: string, nickname: string): AriOperation {
  const res = (client as unknown as Record<string, Record<string, unknown> | undefined>)[resource];
  const op = res?.[nickname];
  if (typeof op !== 'function') {
    throw new AriError('failed', `ARI offers no ${resource}.${nickname} operation`);
  }
  return op as AriOperation;
}

/** `client.LiveRecording(name)`, `client.Bridge(id)`: resource instances carrying an id. */
export function resourceInstance(
  client: AriClientView,
  type: 'LiveRecording' | 'Bridge',
  id: string,
): Record<string, unknown> {
  const make = (client as unknown as Record<string, unknown>)[type];
  if (typeof make !== 'function') throw new AriError('failed', `ari-client has no ${type} creator`);
  return (make as (id: string) => Record<string, unknown>).call(client, id);
}

/** Closes the events socket so that ari-client reconnects (its `_ws` is private in 2.2.0). */
export function terminateSocket(client: AriClientView): void {
  const ws = (client as unknown as { _ws?: { terminate?: () => void } })._ws;
  ws?.terminate?.();
}

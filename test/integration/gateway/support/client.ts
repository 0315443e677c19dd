/** Console sockets for tests, with helpers that wait for one event or prove none came. */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ConsoleSnapshot,
  ServerToClientEvents,
} from '../../../../server/contracts/index.js';

export type ConsoleClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ClientOptions {
  token?: string;
  cookie?: string;
  origin?: string;
  reconnection?: boolean;
}

export function openClient(url: string, opts: ClientOptions = {}): ConsoleClient {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  return io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: headers,
  });
}

type EventArg<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Resolves with the next `event` matching `match`, or rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ConsoleClient,
  event: E,
  match: (arg: EventArg<E>) => boolean = () => true,
  timeoutMs = 3000,
): Promise<EventArg<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (arg: EventArg<E>) => {
      if (!match(arg)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(arg);
    };
    socket.on(event, listener as never);
  });
}

/** Connects and resolves with the first snapshot. */
export async function connectWithSnapshot(
  url: string,
  opts: ClientOptions = {},
): Promise<{ socket: ConsoleClient; snapshot: ConsoleSnapshot }> {
  const socket = openClient(url, opts);
  const snapshot = nextEvent(socket, 'console:snapshot');
  const failed = new Promise<never>((_, reject) =>
    socket.once('connect_error', (err) => reject(err)),
  );
  return { socket, snapshot: await Promise.race([snapshot, failed]) };
}

/** The `connect_error` a refused client gets. */
export function refusalOf(socket: ConsoleClient): Promise<{ message: string; data: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
    socket.once('connect_error', (err: Error & { data?: unknown }) =>
      resolve({ message: err.message, data: err.data }),
    );
  });
}

/** Records every event a socket receives, to prove that something did NOT arrive. */
export function recordEvents(socket: ConsoleClient): { event: string; arg: unknown }[] {
  const seen: { event: string; arg: unknown }[] = [];
  socket.onAny((event: string, arg: unknown) => seen.push({ event, arg }));
  return seen;
}

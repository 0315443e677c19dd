import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './contracts.js';
import {
  offlineAck,
  type ConnectionEvent,
  type ConsoleTransport,
  type ServerEvent,
  type ServerEventArg,
} from './transport.js';

const ACK_TIMEOUT_MS = 8000;

/** The console's Socket.IO connection: the session cookie authenticates it. */
export function openSocketTransport(token: () => string | null): ConsoleTransport {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    withCredentials: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    auth: (cb) => {
      const t = token();
      cb(t ? { token: t } : {});
    },
  });
  const connectionHandlers: ((e: ConnectionEvent) => void)[] = [];
  const emit = (e: ConnectionEvent) => connectionHandlers.forEach((h) => h(e));
  socket.on('connect', () => emit({ kind: 'connected' }));
  socket.on('disconnect', (reason) =>
    emit({ kind: 'disconnected', reason, willReconnect: socket.active }),
  );
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    // A refused handshake is final; a network error is retried by the client itself.
    if (!socket.active) {
      emit({ kind: 'refused', code: err.data?.code ?? 'refused', message: err.message });
    }
  });
  return {
    onEvent(handler) {
      socket.onAny((event: ServerEvent, arg: ServerEventArg<ServerEvent>) => handler(event, arg));
    },
    onConnection(handler) {
      connectionHandlers.push(handler);
    },
    async request(event, input) {
      if (!socket.connected) return offlineAck() as never;
      try {
        return (await (
          socket.timeout(ACK_TIMEOUT_MS) as unknown as {
            emitWithAck(e: string, i: unknown): Promise<unknown>;
          }
        ).emitWithAck(event, input)) as never;
      } catch {
        return offlineAck() as never;
      }
    },
    close() {
      socket.close();
    },
  };
}

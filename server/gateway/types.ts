import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../contracts/index.js';

/** Messages between gateway nodes (through the Redis adapter). */
export interface InterServerEvents {
  /** An agent's queues changed: every node moves that agent's sockets between queue rooms. */
  'agent:queues': (agentId: string, queueIds: string[]) => void;
}

export type ConsoleServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type ConsoleSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

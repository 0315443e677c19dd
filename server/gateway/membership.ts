import { rooms } from './rooms.js';
import type { ConsoleServer, ConsoleSocket } from './types.js';

/** Puts one socket in exactly the given queues' rooms. */
export function setQueueRooms(socket: ConsoleSocket, queueIds: readonly string[]): void {
  const want = new Set(queueIds.map(rooms.queue));
  for (const room of socket.rooms) {
    if (rooms.isQueue(room) && !want.has(room)) void socket.leave(room);
  }
  for (const room of want) if (!socket.rooms.has(room)) void socket.join(room);
}

/** Moves this node's sockets of one agent into the rooms of the agent's current queues. */
export function syncAgentQueueRoomsLocally(
  io: ConsoleServer,
  agentId: string,
  queueIds: readonly string[],
): void {
  const nsp = io.of('/');
  const ids = nsp.adapter.rooms.get(rooms.agent(agentId));
  if (!ids) return;
  for (const id of ids) {
    const socket = nsp.sockets.get(id);
    if (socket) setQueueRooms(socket, queueIds);
  }
}

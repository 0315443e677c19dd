import type {
  AgentStateView,
  CallConnectedEvent,
  CallEndedEvent,
  ConsoleNotification,
  QueueStatsView,
  RecordingStateEvent,
  ScreenPop,
  SessionEndedEvent,
} from '../contracts/index.js';
import { syncAgentQueueRoomsLocally } from './membership.js';
import { rooms } from './rooms.js';
import type { ConsoleServer } from './types.js';

export type NotificationTarget =
  { agentId: string } | { queueId: string } | { userId: string } | { supervisors: true };

/**
 * What the rest of the server calls to reach consoles. Every method reaches the matching
 * sockets on every gateway node (through the Redis adapter) and returns without waiting.
 */
export interface ConsolePublisher {
  /** The screen pop, to the agent whose phone starts ringing. */
  offered(agentId: string, pop: ScreenPop): void;
  connected(event: CallConnectedEvent): void;
  ended(event: CallEndedEvent): void;
  recording(event: RecordingStateEvent): void;
  /** To the agent and to supervisors; also moves the agent's sockets to its queues' rooms. */
  agentState(view: AgentStateView): void;
  /** To supervisors: the whole agents table. */
  agentsTable(rows: AgentStateView[]): void;
  /** To the queue's agents and to supervisors. */
  queueStats(stats: QueueStatsView): void;
  notify(target: NotificationTarget, notification: ConsoleNotification): void;
  /** Closes every socket of the user on every node, telling the console why. */
  disconnectUser(userId: string, reason?: SessionEndedEvent['reason']): void;
}

export function createPublisher(io: ConsoleServer): ConsolePublisher {
  return {
    offered(agentId, pop) {
      io.to(rooms.agent(agentId)).emit('call:offered', pop);
    },
    connected(event) {
      io.to(rooms.agent(event.agentId)).emit('call:connected', event);
    },
    ended(event) {
      io.to(rooms.agent(event.agentId)).emit('call:ended', event);
    },
    recording(event) {
      io.to(rooms.agent(event.agentId)).emit('call:recording', event);
    },
    agentState(view) {
      // Queue membership first, so that the next queue:stats already reaches the new rooms.
      syncAgentQueueRoomsLocally(io, view.agentId, view.queueIds);
      io.serverSideEmit('agent:queues', view.agentId, view.queueIds);
      io.to([rooms.agent(view.agentId), rooms.supervisors]).emit('agent:state', view);
    },
    agentsTable(rows) {
      io.to(rooms.supervisors).emit('agents:table', rows);
    },
    queueStats(stats) {
      // The wallboard first. The queue's agents (hundreds of sockets) get their copy on the next
      // turn of the event loop, so that screen pops waiting behind this write go out first.
      io.to(rooms.supervisors).emit('queue:stats', stats);
      setImmediate(() => {
        io.to(rooms.queue(stats.queueId)).except(rooms.supervisors).emit('queue:stats', stats);
      });
    },
    notify(target, notification) {
      const room =
        'agentId' in target
          ? rooms.agent(target.agentId)
          : 'queueId' in target
            ? rooms.queue(target.queueId)
            : 'userId' in target
              ? rooms.user(target.userId)
              : rooms.supervisors;
      io.to(room).emit('notification', notification);
    },
    disconnectUser(userId, reason = 'logged_out') {
      const room = rooms.user(userId);
      io.to(room).emit('session:ended', { reason });
      io.in(room).disconnectSockets(true);
    },
  };
}

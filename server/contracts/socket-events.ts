/**
 * The Socket.IO event map, typed once and imported by the gateway and the console.
 *
 * Server → client events are pushed to rooms: `agent:<id>` (one agent's consoles), `queue:<id>`
 * (agents of a queue), `supervisors` and `user:<id>` (every socket of one login, for session
 * events). Client → server events always carry an acknowledgement callback answered with
 * `Ack<T>`; the server takes the agent's identity from the login session, never from the payload.
 */
import type {
  AgentStateView,
  CallConnectedEvent,
  CallEndedEvent,
  ConsoleNotification,
  ConsoleSnapshot,
  PauseReason,
  QueueStatsView,
  RecordingState,
  RecordingStateEvent,
  ScreenPop,
  SessionUser,
} from './domain.js';

export type AckError = {
  ok: false;
  /** A stable string code: `invalid_input`, `forbidden`, `not_your_call`, `internal`... */
  error: string;
  message: string;
};
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
export type AckCallback<T extends object = object> = (result: Ack<T>) => void;

export interface SessionEndedEvent {
  reason: 'logged_out' | 'disabled' | 'expired' | 'revoked';
}

export interface ServerToClientEvents {
  /** Sent after every (re)connection: the state the console must show now. */
  'console:snapshot': (snapshot: ConsoleSnapshot) => void;
  'call:offered': (pop: ScreenPop) => void;
  'call:connected': (event: CallConnectedEvent) => void;
  'call:ended': (event: CallEndedEvent) => void;
  'call:recording': (event: RecordingStateEvent) => void;
  /** To the agent it concerns and to supervisors. */
  'agent:state': (view: AgentStateView) => void;
  /** To the queue's agents and to supervisors. */
  'queue:stats': (stats: QueueStatsView) => void;
  /** Supervisors only: the whole table, when many rows changed at once. */
  'agents:table': (rows: AgentStateView[]) => void;
  notification: (notification: ConsoleNotification) => void;
  /** The login ended elsewhere; the socket is closed right after. */
  'session:ended': (event: SessionEndedEvent) => void;
}

/** The agent may choose only these; the ACD sets reserved, on_call and wrap_up itself. */
export type SettableAgentState =
  { state: 'available' } | { state: 'paused'; reason: PauseReason } | { state: 'logged_out' };

export type TransferTarget =
  { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };

export interface CallRef {
  callId: string;
}

export interface TransferInput extends CallRef {
  target: TransferTarget;
}

export interface RecordingInput extends CallRef {
  action: 'pause' | 'resume';
}

export type SupervisorAgentInput =
  | { agentId: string; action: 'force_pause'; reason: PauseReason }
  | { agentId: string; action: 'force_logout' };

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export interface MonitorInput extends CallRef {
  mode: MonitorMode;
}

export interface ClientToServerEvents {
  'agent:setState': (
    input: SettableAgentState,
    ack: AckCallback<{ agent: AgentStateView }>,
  ) => void;
  'call:hangup': (input: CallRef, ack: AckCallback) => void;
  'call:transfer': (input: TransferInput, ack: AckCallback) => void;
  'call:setRecording': (
    input: RecordingInput,
    ack: AckCallback<{ recording: RecordingState }>,
  ) => void;
  'supervisor:agent': (
    input: SupervisorAgentInput,
    ack: AckCallback<{ agent: AgentStateView }>,
  ) => void;
  'supervisor:monitor': (input: MonitorInput, ack: AckCallback<{ monitorId: string }>) => void;
  /** Asks for a fresh snapshot without reconnecting (e.g. after the tab was asleep). */
  'console:resync': (
    input: Record<string, never>,
    ack: AckCallback<{ snapshot: ConsoleSnapshot }>,
  ) => void;
}

/** Per-socket data the gateway keeps after authentication. */
export interface SocketData {
  user: SessionUser;
}

/**
 * What the gateway and the console routes need from the rest of the server. The composition root
 * (server/runtime.ts) wires real implementations from crm-core, routing and telephony; tests use
 * stateful fakes.
 *
 * Refusals: a port method that refuses a request throws an error carrying a string `code`
 * (`not_your_call`, `invalid_state`, `not_found`...) and a message fit for the agent; the gateway
 * answers `{ok:false, error: code, message}`. Any other error is logged and answered `internal`.
 * Every method receives the acting user's id from the login session, never from the client.
 */
import type {
  AgentStateView,
  ComplaintCategory,
  ComplaintSeverity,
  DirectoryResponse,
  LiveCall,
  MonitorMode,
  PauseReason,
  QueueStatsView,
  RecordingItem,
  RecordingState,
  SessionUser,
  SettableAgentState,
  TransferTarget,
  WrapUpResult,
  WrapUpSubmission,
} from '../contracts/index.js';

/** Login sessions (crm-core `sessions.verify`). */
export interface SessionVerifier {
  /** The session's user, or null when the token is unknown, expired or revoked. */
  verify(token: string): Promise<SessionUser | null>;
}

/** Live state read on every (re)connection, so that a console never shows a stale screen pop. */
export interface ConsoleStateSource {
  /** The agent's ACD state, or null when the user has never been an agent. */
  agentState(agentId: string): Promise<AgentStateView | null>;
  /** The call the agent is being offered, talking on or wrapping up; null when none. */
  liveCall(agentId: string): Promise<LiveCall | null>;
  /** Statistics of the given queues (all queues when `queueIds` is null). */
  queueStats(queueIds: readonly string[] | null): Promise<QueueStatsView[]>;
  /** Every agent known to the ACD, for the supervisors' table. */
  agents(): Promise<AgentStateView[]>;
  /** Queue statistics samples since `since`, oldest first. */
  queueHistory(since: Date): Promise<QueueStatsView[]>;
  /** Transfer targets. */
  directory(): Promise<DirectoryResponse>;
}

/** ACD state changes (routing). */
export interface AgentActions {
  /** The agent's own choice; refuse with `invalid_state` when the ACD does not allow it now. */
  setState(agentId: string, next: SettableAgentState): Promise<AgentStateView>;
  /**
   * A supervisor pauses an agent. An agent ringing, on a call or in wrap-up keeps the call: the
   * pause takes effect after the call and its wrap-up (the view's `afterCall` says so meanwhile).
   */
  forcePause(agentId: string, reason: PauseReason, bySupervisorId: string): Promise<AgentStateView>;
  /** A supervisor logs an agent out; after the current call, as `forcePause`. */
  forceLogout(agentId: string, bySupervisorId: string): Promise<AgentStateView>;
}

/**
 * Call control (telephony). Each method must refuse with `not_your_call` when `callId` is not a
 * call the agent is on.
 */
export interface CallControls {
  hangup(agentId: string, callId: string): Promise<void>;
  transfer(agentId: string, callId: string, target: TransferTarget): Promise<void>;
  setRecording(
    agentId: string,
    callId: string,
    action: 'pause' | 'resume',
  ): Promise<RecordingState>;
}

/** Supervisor monitoring of a live call (telephony snoop). */
export interface SupervisorActions {
  monitor(supervisorId: string, callId: string, mode: MonitorMode): Promise<{ monitorId: string }>;
}

/**
 * Where a wrap-up is written (crm-core). `submit` must be idempotent per call id, because a
 * console resubmits a draft it could not confirm, and must refuse with `not_your_call` when the
 * agent did not handle the call.
 */
export interface WrapUpSink {
  submit(agentId: string, wrapUp: WrapUpSubmission): Promise<Omit<WrapUpResult, 'agent'>>;
  /**
   * When a complaint of this kind, opened now, would be due; `callId` names the call being
   * wrapped up, whose customer's tier may shorten the time.
   */
  complaintSlaDueAt(
    category: ComplaintCategory,
    severity: ComplaintSeverity,
    callId?: string | null,
  ): Promise<Date>;
}

/** Past calls' recordings (crm-core interactions with a recording). */
export interface RecordingCatalog {
  /**
   * Recordings of calls that started in [from, to), newest first, at most `limit`; `q` matches a
   * phone number, a customer's or an agent's name. `audioUrl` must be a route that audit-logs
   * each play.
   */
  search(query: {
    from: Date;
    to: Date;
    q: string | null;
    limit: number;
  }): Promise<RecordingItem[]>;
}

export interface ConsolePorts {
  sessions: SessionVerifier;
  state: ConsoleStateSource;
  agents: AgentActions;
  calls: CallControls;
  supervisor: SupervisorActions;
  wrapUps: WrapUpSink;
  recordings: RecordingCatalog;
}

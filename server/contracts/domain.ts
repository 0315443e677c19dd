/**
 * The views of live contact-center state that the console shows. They are plain JSON (times as
 * ISO-8601 strings) because they travel over Socket.IO and HTTP unchanged.
 */

export type Role = 'agent' | 'supervisor' | 'admin';

/** Who a login session belongs to, as `crm.sessions.verify(token)` answers it. */
export interface SessionUser {
  userId: string;
  username: string;
  role: Role;
  displayName: string;
  /** BCP 47 tag of the user's preferred language, e.g. `zh-CN` or `en`. */
  language: string;
}

/** A name in several languages, by BCP 47 tag (`zh-CN`, `en`); the console shows the user's. */
export type LocalizedNames = Record<string, string>;

export type AgentStateName =
  'logged_out' | 'available' | 'reserved' | 'on_call' | 'wrap_up' | 'paused';

export type PauseReason = 'break' | 'lunch' | 'meeting' | 'training' | 'coaching' | 'other';

/** The call an agent is busy with, as a supervisor sees it in the agents table. */
export interface AgentCallBrief {
  callId: string;
  callerNumber: string;
  customerName: string | null;
  queueId: string | null;
  since: string;
}

export interface AgentStateView {
  agentId: string;
  displayName: string;
  state: AgentStateName;
  /** Set only when `state` is `paused`. */
  pauseReason: PauseReason | null;
  /** When the agent entered `state`. */
  since: string;
  call: AgentCallBrief | null;
  queueIds: string[];
  /**
   * A supervisor's pause or logout ordered while the agent was busy with a call: applied when the
   * call and its wrap-up are over ("paused after this call"); null when none is waiting.
   */
  afterCall: AfterCallView | null;
}

export interface AfterCallView {
  state: 'paused' | 'logged_out';
  /** Set only when `state` is `paused`. */
  pauseReason: PauseReason | null;
}

/** The CRM's tiers (crm-core `TIERS`); `vip` is also a flag of its own on the customer. */
export type CustomerTier = 'standard' | 'gold' | 'vip';

export interface PopCustomer {
  id: string;
  name: string;
  tier: CustomerTier;
  vip: boolean;
  language: string | null;
}

export interface Money {
  /** Decimal string, never a float: `"-120.50"`. */
  amount: string;
  currency: string;
}

export interface AccountSummary {
  accountNumber: string;
  status: 'active' | 'suspended' | 'closed';
  balance: Money;
  plan: string | null;
}

export type InteractionChannel = 'call' | 'callback' | 'campaign' | 'email' | 'chat' | 'note';

export interface InteractionSummary {
  id: string;
  at: string;
  channel: InteractionChannel;
  direction: 'inbound' | 'outbound' | null;
  /** The CRM's interaction kind (`inbound_call`, `callback`, ...), for the console's words. */
  kind: string;
  queueId: string | null;
  /** The queue's names by language; empty when it has none (the console shows the id). */
  queueNames: LocalizedNames;
  /** What the agent wrote at wrap-up; null when nothing. */
  notes: string | null;
  /** The agent who took it (the console names them from its directory); null when none. */
  agentId: string | null;
  disposition: string | null;
  agentName: string | null;
}

/** A complaint category code of the CRM (`billing`, `network`...; see GET /complaints/categories). */
export type ComplaintCategory = string;
export type ComplaintSeverity = 'low' | 'medium' | 'high' | 'critical';
export type ComplaintStatus = 'open' | 'in_progress' | 'resolved' | 'closed';

export interface ComplaintSummary {
  id: string;
  ticket: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  status: ComplaintStatus;
  summary: string;
  slaDueAt: string;
}

/** The CRM's callback states (crm-core `CALLBACK_STATUSES`). */
export type CallbackStatus =
  'pending' | 'scheduled' | 'dialing' | 'completed' | 'failed' | 'expired' | 'cancelled';

export interface CallbackSummary {
  id: string;
  phone: string;
  windowStart: string;
  windowEnd: string;
  note: string | null;
  /**
   * As the CRM had it when the pop was made: `pending`, `scheduled` or `dialing`. Only a pending
   * or scheduled callback can be cancelled (`POST /api/v1/callbacks/:id/cancel`).
   */
  status: CallbackStatus;
}

export interface IvrStep {
  /** The node's id in the IVR script, e.g. `billing-lookup`. */
  node: string;
  /** The node's kind in the IVR script (`menu`, `lookup`, `queue`...), for the console's words. */
  kind: string;
  input: string | null;
}

/**
 * Why the ACD offered this call to this agent (routing's `OfferExplanation`). `agent`: the call
 * looked for an agent (it arrived, or came back after a reject) and found this one. `call`: the
 * agent became free and took this call, the first of the calls they may take.
 */
export type RoutingExplanation =
  | {
      kind: 'agent';
      agentId: string;
      /** The skills in force for the call: the agent's level and the minimum asked. */
      skills: { skill: string; level: number; min: number }[];
      metric: StrategyMetric;
      notes: RoutingNote[];
    }
  | {
      kind: 'call';
      agentId: string;
      callId: string;
      queueId: string;
      /** Effective priority = base + what waiting added (`agedBy`), one decimal. */
      priority: number;
      basePriority: number;
      agedBy: number;
      waitedSeconds: number;
      notes: RoutingNote[];
      /** The call was held for this agent (its preferred agent). */
      heldForAgent: boolean;
      /** How many calls the agent could have taken, across how many of their queues. */
      eligibleCalls: number;
      queues: number;
    };

/** The queue's strategy and the figure it ranked the agent by. */
export type StrategyMetric =
  | { strategy: 'longest-idle'; idleSeconds: number }
  | { strategy: 'fewest-calls'; callsToday: number; idleSeconds: number }
  | { strategy: 'least-talk-time'; talkSecondsToday: number; idleSeconds: number }
  /** `lastOfferedSecondsAgo` null: never offered a call by this queue yet (its rank decides). */
  | { strategy: 'round-robin'; lastOfferedSecondsAgo: number | null; rank: number }
  | { strategy: 'ranked'; rank: number; idleSeconds: number };

/**
 * What else made the match. `preferred_agent`: the agent is the call's preferred agent, named by
 * the CRM (`named`) or the one who last served the customer (`last_served`).
 */
export type RoutingNote =
  | { code: 'requirements_relaxed'; step: number }
  | { code: 'preferred_agent'; because: 'named' | 'last_served' }
  | { code: 'preferred_agent_unavailable'; agentId: string }
  | { code: 'vip_group'; group: string }
  | { code: 'vip_overflow' };

export type CallOrigin =
  | { kind: 'inbound' }
  | { kind: 'callback'; callbackId: string }
  | { kind: 'campaign'; campaignId: string; campaignName: string };

/**
 * The screen pop: everything the agent needs while the phone rings. `customer` is null for an
 * unknown caller.
 */
export interface ScreenPop {
  callId: string;
  callerNumber: string;
  queueId: string | null;
  queueName: string | null;
  /** The queue's name by language; {} when not named. */
  queueNames: LocalizedNames;
  /** Why the caller called, from the IVR (e.g. `billing`); selects the knowledge entries. */
  category: string | null;
  customer: PopCustomer | null;
  account: AccountSummary | null;
  lastInteractions: InteractionSummary[];
  openComplaints: ComplaintSummary[];
  pendingCallbacks: CallbackSummary[];
  ivrPath: IvrStep[];
  waitSeconds: number;
  /**
   * Why this agent got the call, in the ACD's English, e.g. `agent 4: skill zh-CN 5, idle 2 s`
   * (shown only when `routingExplanation` is null).
   */
  routingReason: string;
  /** The same as data, for the console to tell in its language; null when none came with it. */
  routingExplanation: RoutingExplanation | null;
  origin: CallOrigin;
  offeredAt: string;
}

export type RecordingState = 'off' | 'recording' | 'paused';

export interface CallConnectedEvent {
  callId: string;
  agentId: string;
  connectedAt: string;
  recording: RecordingState;
}

export interface CallEndedEvent {
  callId: string;
  agentId: string;
  endedAt: string;
  endedBy: 'caller' | 'agent' | 'transfer' | 'system';
  /** True when the offer was never answered (ring timeout, caller gone): no wrap-up follows. */
  missed: boolean;
  /** How long the ACD keeps the agent in wrap-up; 0 when none. */
  wrapUpSeconds: number;
}

export interface RecordingStateEvent {
  callId: string;
  agentId: string;
  state: RecordingState;
  at: string;
}

export type AgentCounts = Record<AgentStateName, number>;

export interface QueueStatsView {
  queueId: string;
  name: string;
  /** The queue's name by language (from the IVR scripts' `queues`); {} when not named. */
  names: LocalizedNames;
  waiting: number;
  longestWaitSeconds: number;
  agents: AgentCounts;
  offered: number;
  answered: number;
  abandoned: number;
  /** Share of calls answered within the queue's threshold, 0..1; null before the first call. */
  serviceLevel: number | null;
  serviceLevelThresholdSeconds: number;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  at: string;
}

/** A call the agent is handling, as restored after a reconnect. */
export interface LiveCall {
  pop: ScreenPop;
  phase: 'ringing' | 'connected' | 'wrap_up';
  connectedAt: string | null;
  endedAt: string | null;
  wrapUpSeconds: number | null;
  recording: RecordingState;
}

export type NotificationKind =
  'complaint_sla_warning' | 'complaint_sla_breached' | 'callback_due' | 'forced_state';

export interface ConsoleNotification {
  id: string;
  kind: NotificationKind;
  severity: 'info' | 'warning' | 'critical';
  at: string;
  /** Values the console puts into the translated text, e.g. `{ticket, dueAt, customerName}`. */
  params: Record<string, string>;
}

/** What the console needs after connecting or reconnecting, read from the live state. */
export interface ConsoleSnapshot {
  user: SessionUser;
  agent: AgentStateView | null;
  call: LiveCall | null;
  queues: QueueStatsView[];
  /** Present for supervisors and admins only. */
  supervisor: SupervisorSnapshot | null;
  takenAt: string;
}

export interface SupervisorSnapshot {
  agents: AgentStateView[];
  /** Queue statistics samples of the last hour, oldest first, for the wallboard chart. */
  history: QueueStatsView[];
}

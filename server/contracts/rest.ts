/**
 * REST payloads shared by the server and the console. Errors from every route have the shape
 * `ApiError`. Routes under `/api/v1/console` belong to the console; the others are served by the
 * CRM API, and these types say what the console expects from them.
 */
import type {
  AgentStateView,
  CallbackStatus,
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintStatus,
  CustomerTier,
  LocalizedNames,
  SessionUser,
} from './domain.js';
import type { SettableAgentState } from './socket-events.js';

export interface ApiError {
  error: string;
  message: string;
  details?: unknown;
}

/** `POST /api/v1/auth/login` (CRM API). */
export interface LoginRequest {
  username: string;
  password: string;
}
export interface LoginResponse {
  token: string;
  user: SessionUser;
}

/** `GET /api/v1/console/me` */
export type MeResponse = SessionUser;

/** `POST /api/v1/console/agent/state` takes a `SettableAgentState`. */
export interface AgentStateResponse {
  agent: AgentStateView;
}

export type Disposition =
  'resolved' | 'follow_up' | 'escalated' | 'information' | 'sale' | 'wrong_number' | 'no_action';

export type WrapUpComplaint =
  | {
      mode: 'create';
      category: ComplaintCategory;
      severity: ComplaintSeverity;
      summary: string;
    }
  | {
      mode: 'update';
      complaintId: string;
      status: ComplaintStatus;
      note: string;
    };

export interface WrapUpCallback {
  /** ISO-8601; the window must start in the future and end after it starts. */
  windowStart: string;
  windowEnd: string;
  /** Defaults to the caller's number. */
  phone: string | null;
  note: string | null;
}

/** `POST /api/v1/console/wrapup` */
export interface WrapUpSubmission {
  callId: string;
  disposition: Disposition;
  notes: string;
  complaint: WrapUpComplaint | null;
  callback: WrapUpCallback | null;
  /** The state the agent asks for once the wrap-up is saved; null leaves it to the ACD. */
  next: SettableAgentState | null;
}

export interface WrapUpResult {
  interactionId: string;
  complaint: { id: string; ticket: string; slaDueAt: string } | null;
  callback: { id: string } | null;
  agent: AgentStateView | null;
}

/** `GET /api/v1/console/complaint-sla?category=&severity=` */
export interface ComplaintSlaResponse {
  slaDueAt: string;
}

/** `GET /api/v1/console/directory`: where a call can be transferred. */
export interface DirectoryResponse {
  queues: { id: string; name: string; names: LocalizedNames }[];
  agents: { id: string; displayName: string; state: AgentStateView['state'] }[];
}

/** `GET /api/v1/console/recordings?from=&to=&q=` (supervisors). */
export interface RecordingItem {
  id: string;
  callId: string;
  startedAt: string;
  durationSeconds: number;
  agentName: string | null;
  callerNumber: string;
  customerName: string | null;
  queueName: string | null;
  /** Same-origin URL an `<audio>` element can play; each play is audit-logged by the server. */
  audioUrl: string;
}
export interface RecordingListResponse {
  items: RecordingItem[];
}

// ---- Served by the CRM API (server/api); only the fields the console reads are listed. ----

/** `GET /api/v1/knowledge?category=&lang=` */
export interface KnowledgeEntry {
  id: number;
  kind: 'script' | 'answer';
  category: string;
  language: string;
  title: string;
  body: string;
  tags: string[];
}
export interface KnowledgeListResponse {
  items: KnowledgeEntry[];
}

/** `GET /api/v1/complaints/categories` */
export interface ComplaintCategoryInfo {
  code: string;
  nameZh: string;
  nameEn: string;
  slaHours: number;
}
export interface ComplaintCategoriesResponse {
  items: ComplaintCategoryInfo[];
}

export interface CrmPhone {
  e164: string;
  label: string;
}

/** `GET /api/v1/customers?q=`: q is a ticket, a phone number, an account number or a name. */
export interface CrmCustomer {
  id: number;
  name: string;
  language: string;
  tier: CustomerTier;
  vip: boolean;
  accountNumber: string | null;
  phones: CrmPhone[];
  notes: string;
  createdAt: string;
}
export interface CustomerListResponse {
  items: CrmCustomer[];
}

export interface CrmAccount {
  id: number;
  accountNumber: string;
  /** Exact decimal string. */
  balance: string;
  currency: string;
  dueDate: string | null;
}

/** `GET /api/v1/customers/:id` */
export interface CustomerDetail extends CrmCustomer {
  accounts: CrmAccount[];
}

export interface CrmInteraction {
  id: number;
  callId: string | null;
  kind: string;
  direction: string;
  callerNumber: string | null;
  agentId: number | null;
  queue: string | null;
  disposition: string | null;
  notes: string | null;
  talkSeconds: number | null;
}

export interface CrmComplaint {
  id: number;
  ticketNumber: string;
  category: string;
  severity: string;
  status: string;
  subject: string;
  dueAt: string;
}

export interface CrmCallback {
  id: number;
  phone: string;
  earliest: string;
  latest: string;
  status: CallbackStatus;
  notes: string;
}

/**
 * `POST /api/v1/callbacks/:id/cancel` (CRM API; agents, supervisors, administrators). The reason,
 * at most 500 characters, is added to the callback's notes. Refusals: 409 `illegal_transition`
 * with `IllegalTransitionDetails` when the callback is no longer pending or scheduled (`from:
 * 'dialing'` while it is being dialled), 404 `not_found`, 400 `invalid_input`.
 */
export interface CallbackCancelRequest {
  reason?: string;
}
/** The cancelled callback (the CRM's callback; the fields the console reads). */
export interface CallbackCancelResponse extends CrmCallback {
  status: 'cancelled';
}

/** `details` of a 409 `illegal_transition`: the state the record is in, and where it may go. */
export interface IllegalTransitionDetails<S extends string = string> {
  from: S;
  to: S;
  allowed: S[];
}

export type TimelineEntry =
  | { type: 'interaction'; at: string; id: number; item: CrmInteraction }
  | { type: 'complaint'; at: string; id: number; item: CrmComplaint }
  | { type: 'callback'; at: string; id: number; item: CrmCallback };

/** `GET /api/v1/customers/:id/timeline`, newest first; `nextCursor` pages on. */
export interface TimelineResponse {
  items: TimelineEntry[];
  nextCursor: string | null;
}

/** `GET /api/v1/reports/queues?from=&to=` (supervisors); `&format=csv` gives the rows as CSV. */
export interface QueueReportRow {
  /** The queue. */
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinThreshold: number;
  serviceLevel: number | null;
  asa: number | null;
  aht: number | null;
}
export interface QueueReportResponse {
  from: string;
  to: string;
  threshold: number;
  rows: QueueReportRow[];
}

/**
 * `GET /api/v1/telephony/status` (server, no login needed): `simulator` when ARI_URL is unset and
 * the built-in PBX simulator stands in for Asterisk (no real calls); the console shows a banner.
 */
export interface TelephonyStatusResponse {
  mode: 'simulator' | 'asterisk';
  /** This server node holds the telephony lease and drives the PBX. */
  driving: boolean;
  /** The ARI events connection is up. */
  connected: boolean;
}

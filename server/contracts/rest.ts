/**
 * REST payloads shared by the server and the console. Errors from every route have the shape
 * `ApiError`. Routes under `/api/v1/console` belong to the console; the others are served by the
 * CRM API, and these types say what the console expects from them.
 */
import type {
  AgentStateView,
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintStatus,
  CustomerTier,
  InteractionChannel,
  Money,
  PopCustomer,
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
  queues: { id: string; name: string }[];
  agents: { id: string; displayName: string; state: AgentStateView['state'] }[];
}

/** `GET /api/v1/knowledge?category=&lang=` (CRM API). */
export interface KnowledgeEntry {
  id: string;
  kind: 'script' | 'article';
  category: string;
  lang: string;
  title: string;
  body: string;
}
export interface KnowledgeListResponse {
  items: KnowledgeEntry[];
}

/** `GET /api/v1/customers?q=` (CRM API): name, phone, account number or ticket. */
export interface CustomerListItem extends PopCustomer {
  phones: string[];
  accountNumbers: string[];
}
export interface CustomerListResponse {
  items: CustomerListItem[];
}

/** `GET /api/v1/customers/:id` (CRM API). */
export interface CustomerDetail extends CustomerListItem {
  tier: CustomerTier;
  accounts: { accountNumber: string; status: string; balance: Money; plan: string | null }[];
  createdAt: string;
}

/** `GET /api/v1/customers/:id/timeline` (CRM API), newest first. */
export interface TimelineEntry {
  id: string;
  at: string;
  kind: 'interaction' | 'complaint' | 'callback';
  channel: InteractionChannel | null;
  title: string;
  detail: string | null;
  agentName: string | null;
}
export interface TimelineResponse {
  items: TimelineEntry[];
}

/** `GET /api/v1/recordings?from=&to=&q=` (server). Playing one is audit-logged by the server. */
export interface RecordingItem {
  id: string;
  callId: string;
  startedAt: string;
  durationSeconds: number;
  agentName: string | null;
  callerNumber: string;
  customerName: string | null;
  queueName: string | null;
  /** Same-origin URL an `<audio>` element can play. */
  audioUrl: string;
}
export interface RecordingListResponse {
  items: RecordingItem[];
}

/** `GET /api/v1/reports/queues?from=&to=` (CRM API); `&format=csv` gives the same rows as CSV. */
export interface QueueReportRow {
  queueId: string;
  queueName: string;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
}
export interface QueueReportResponse {
  from: string;
  to: string;
  rows: QueueReportRow[];
}

import type { CallbackStatus, ComplaintStatus } from './workflow.js';
import type {
  ATTEMPT_OUTCOMES,
  CALLBACK_ORIGINS,
  DIRECTIONS,
  INTERACTION_KINDS,
  KNOWLEDGE_KINDS,
  Language,
  PHONE_LABELS,
  Role,
  SEVERITIES,
  Tier,
} from './schemas/index.js';

/** Entity types as the repositories return them: camelCase, ids as numbers, money as strings. */
export type Severity = (typeof SEVERITIES)[number];
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type CallbackOrigin = (typeof CALLBACK_ORIGINS)[number];
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];
export type PhoneLabel = (typeof PHONE_LABELS)[number];
export type { CallbackStatus, ComplaintStatus, Language, Role, Tier };

export interface Phone {
  e164: string;
  label: PhoneLabel;
}

export interface Account {
  id: number;
  customerId: number;
  accountNumber: string;
  /** Exact decimal, e.g. "1280.50". */
  balance: string;
  currency: string;
  /** YYYY-MM-DD */
  dueDate: string | null;
  lastPaymentAmount: string | null;
  lastPaymentAt: Date | null;
}

export interface Customer {
  id: number;
  name: string;
  language: Language;
  tier: Tier;
  vip: boolean;
  /** The first account's number, or null when the customer has none. */
  accountNumber: string | null;
  preferredAgentId: number | null;
  notes: string;
  timezone: string;
  phones: Phone[];
  createdAt: Date;
  updatedAt: Date;
}

export type DuplicateReason = 'phone' | 'account_number' | 'name';

export interface DuplicateCandidate {
  customer: Pick<Customer, 'id' | 'name' | 'tier' | 'vip' | 'accountNumber' | 'phones'>;
  reasons: DuplicateReason[];
  /** 0..1: 1 for a shared phone or account, the name similarity otherwise. */
  score: number;
}

export type CreateCustomerResult =
  | { status: 'created'; customer: Customer }
  | { status: 'duplicates'; candidates: DuplicateCandidate[] };

export interface MergeResult {
  customer: Customer;
  moved: {
    interactions: number;
    complaints: number;
    callbacks: number;
    phones: number;
    accounts: number;
  };
}

export interface RecordingPause {
  offsetSeconds: number;
  durationSeconds: number;
}

/** One recording file of a call. */
export interface RecordingSegment {
  name: string;
  durationSeconds: number | null;
  pauses: RecordingPause[];
}

/** The first file's name, length and pauses, and every file of the call in order (one a bridge). */
export interface RecordingRef extends RecordingSegment {
  segments: RecordingSegment[];
}

export interface Interaction {
  id: number;
  callId: string | null;
  kind: InteractionKind;
  direction: Direction;
  customerId: number | null;
  callerNumber: string | null;
  agentId: number | null;
  queue: string | null;
  ivrPath: unknown[];
  arrivedAt: Date;
  queuedAt: Date | null;
  offeredAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  wrapupSeconds: number | null;
  disposition: string | null;
  notes: string | null;
  recording: RecordingRef | null;
  abandoned: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ComplaintCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  slaHours: number;
}

export interface ComplaintEvent {
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus;
  actorId: number | null;
  note: string | null;
  at: Date;
}

export interface Complaint {
  id: number;
  ticketNumber: string;
  customerId: number;
  interactionId: number | null;
  category: string;
  severity: Severity;
  status: ComplaintStatus;
  subject: string;
  description: string;
  assigneeId: number | null;
  dueAt: Date;
  escalationLevel: number;
  resolution: string | null;
  satisfaction: number | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export interface ComplaintWithHistory extends Complaint {
  history: ComplaintEvent[];
}

export interface CallbackAttempt {
  id: number;
  attemptedAt: Date;
  outcome: AttemptOutcome;
  callId: string | null;
  agentId: number | null;
  notes: string | null;
}

export interface Callback {
  id: number;
  customerId: number | null;
  phone: string;
  origin: CallbackOrigin;
  earliest: Date;
  latest: Date;
  timezone: string;
  status: CallbackStatus;
  queue: string;
  notes: string;
  attempts: number;
  maxAttempts: number;
  lastAttemptAt: Date | null;
  interactionId: number | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallbackWithAttempts extends Callback {
  attemptLog: CallbackAttempt[];
}

export interface ServiceStrategy {
  tier: Tier;
  queuePriority: number;
  dedicatedGroup: string | null;
  complaintSlaFactor: number;
  callbackDeadlineMinutes: number;
  recordingOptOut: boolean;
  updatedAt: Date;
  updatedBy: number | null;
}

export interface KnowledgeEntry {
  id: number;
  kind: KnowledgeKind;
  category: string;
  language: Language;
  title: string;
  body: string;
  tags: string[];
  enabled: boolean;
  updatedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SkillLevel {
  skill: string;
  proficiency: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  language: Language;
  enabled: boolean;
  endpoint: string | null;
  skills: SkillLevel[];
  queues: string[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What `sessions.verify` answers: enough to authorise a request or a socket. The id is a string
 * here, as in the console's contract (server/contracts), because it names an agent to routing.
 */
export interface SessionUser {
  userId: string;
  username: string;
  role: Role;
  displayName: string;
  language: Language;
}

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface TimelineItem {
  type: 'interaction' | 'complaint' | 'callback';
  at: Date;
  id: number;
  item: Interaction | Complaint | Callback;
}

export interface ScreenPop {
  customer: Customer;
  accounts: Account[];
  strategy: ServiceStrategy | null;
  lastInteractions: Interaction[];
  openComplaints: Complaint[];
  pendingCallbacks: Callback[];
}

export interface StatsRow {
  /** The queue name or the agent id, by report. */
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinThreshold: number;
  /** answeredWithinThreshold / offered, 0..1; null when nothing was offered. */
  serviceLevel: number | null;
  /** Average speed of answer, seconds; null when nothing was answered. */
  asa: number | null;
  /** Average handle time (talk + wrap-up), seconds; null when nothing was answered. */
  aht: number | null;
}

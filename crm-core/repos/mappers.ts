import type {
  Account,
  AuditEntry,
  Callback,
  CallbackAttempt,
  Complaint,
  ComplaintEvent,
  Customer,
  Interaction,
  KnowledgeEntry,
  Phone,
  RecordingPause,
  RecordingRef,
  RecordingSegment,
  ServiceStrategy,
  User,
} from '../types.js';
import {
  date,
  dateOrNull,
  isoDateOrNull,
  jsonArray,
  num,
  numOrNull,
  str,
  strOrNull,
  type Row,
} from './rows.js';

/** Row (snake_case, as pg or json_agg gives it) to entity (camelCase). One mapper per entity. */

export function toPhone(r: Row): Phone {
  return { e164: str(r.e164), label: str(r.label) as Phone['label'] };
}

export function toCustomer(r: Row, phones: Phone[], accountNumber: string | null): Customer {
  return {
    id: num(r.id),
    name: str(r.name),
    language: str(r.language) as Customer['language'],
    tier: str(r.tier) as Customer['tier'],
    vip: Boolean(r.vip),
    accountNumber,
    preferredAgentId: numOrNull(r.preferred_agent_id),
    notes: str(r.notes ?? ''),
    timezone: str(r.timezone),
    phones,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

/** The account columns to select so that money and dates keep their exact text. */
export const ACCOUNT_COLUMNS = `id, customer_id, account_number, balance::text as balance, currency,
  due_date::text as due_date, last_payment_amount::text as last_payment_amount, last_payment_at`;

export function toAccount(r: Row): Account {
  return {
    id: num(r.id),
    customerId: num(r.customer_id),
    accountNumber: str(r.account_number),
    balance: str(r.balance),
    currency: str(r.currency).trim(),
    dueDate: isoDateOrNull(r.due_date),
    lastPaymentAmount: strOrNull(r.last_payment_amount),
    lastPaymentAt: dateOrNull(r.last_payment_at),
  };
}

function recordingOf(r: Row, name: string): RecordingRef {
  const first: RecordingSegment = {
    name,
    durationSeconds: numOrNull(r.recording_duration_seconds),
    pauses: jsonArray(r.recording_pauses) as RecordingPause[],
  };
  const segments = jsonArray(r.recording_segments) as RecordingSegment[];
  return { ...first, segments: segments.length > 0 ? segments : [first] };
}

export function toInteraction(r: Row): Interaction {
  const recordingName = strOrNull(r.recording_name);
  return {
    id: num(r.id),
    callId: strOrNull(r.call_id),
    kind: str(r.kind) as Interaction['kind'],
    direction: str(r.direction) as Interaction['direction'],
    customerId: numOrNull(r.customer_id),
    callerNumber: strOrNull(r.caller_number),
    agentId: numOrNull(r.agent_id),
    queue: strOrNull(r.queue),
    ivrPath: jsonArray(r.ivr_path),
    arrivedAt: date(r.arrived_at),
    queuedAt: dateOrNull(r.queued_at),
    offeredAt: dateOrNull(r.offered_at),
    answeredAt: dateOrNull(r.answered_at),
    endedAt: dateOrNull(r.ended_at),
    waitSeconds: numOrNull(r.wait_seconds),
    talkSeconds: numOrNull(r.talk_seconds),
    wrapupSeconds: numOrNull(r.wrapup_seconds),
    disposition: strOrNull(r.disposition),
    notes: strOrNull(r.notes),
    recording: recordingName ? recordingOf(r, recordingName) : null,
    abandoned: Boolean(r.abandoned),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toComplaint(r: Row): Complaint {
  return {
    id: num(r.id),
    ticketNumber: str(r.ticket_number),
    customerId: num(r.customer_id),
    interactionId: numOrNull(r.interaction_id),
    category: str(r.category),
    severity: str(r.severity) as Complaint['severity'],
    status: str(r.status) as Complaint['status'],
    subject: str(r.subject),
    description: str(r.description ?? ''),
    assigneeId: numOrNull(r.assignee_id),
    dueAt: date(r.due_at),
    escalationLevel: num(r.escalation_level),
    resolution: strOrNull(r.resolution),
    satisfaction: numOrNull(r.satisfaction),
    createdBy: numOrNull(r.created_by),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    resolvedAt: dateOrNull(r.resolved_at),
    closedAt: dateOrNull(r.closed_at),
  };
}

export function toComplaintEvent(r: Row): ComplaintEvent {
  return {
    fromStatus: strOrNull(r.from_status) as ComplaintEvent['fromStatus'],
    toStatus: str(r.to_status) as ComplaintEvent['toStatus'],
    actorId: numOrNull(r.actor_id),
    note: strOrNull(r.note),
    at: date(r.at),
  };
}

export function toCallback(r: Row): Callback {
  return {
    id: num(r.id),
    customerId: numOrNull(r.customer_id),
    phone: str(r.phone),
    origin: str(r.origin) as Callback['origin'],
    earliest: date(r.window_start),
    latest: date(r.window_end),
    timezone: str(r.timezone),
    status: str(r.status) as Callback['status'],
    queue: str(r.queue),
    notes: str(r.notes ?? ''),
    attempts: num(r.attempts),
    maxAttempts: num(r.max_attempts),
    lastAttemptAt: dateOrNull(r.last_attempt_at),
    interactionId: numOrNull(r.interaction_id),
    createdBy: numOrNull(r.created_by),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toCallbackAttempt(r: Row): CallbackAttempt {
  return {
    id: num(r.id),
    attemptedAt: date(r.attempted_at),
    outcome: str(r.outcome) as CallbackAttempt['outcome'],
    callId: strOrNull(r.call_id),
    agentId: numOrNull(r.agent_id),
    notes: strOrNull(r.notes),
  };
}

export function toStrategy(r: Row): ServiceStrategy {
  return {
    tier: str(r.tier) as ServiceStrategy['tier'],
    queuePriority: num(r.queue_priority),
    dedicatedGroup: strOrNull(r.dedicated_group),
    complaintSlaFactor: num(r.complaint_sla_factor),
    callbackDeadlineMinutes: num(r.callback_deadline_minutes),
    recordingOptOut: Boolean(r.recording_opt_out),
    updatedAt: date(r.updated_at),
    updatedBy: numOrNull(r.updated_by),
  };
}

export function toKnowledge(r: Row): KnowledgeEntry {
  return {
    id: num(r.id),
    kind: str(r.kind) as KnowledgeEntry['kind'],
    category: str(r.category),
    language: str(r.language) as KnowledgeEntry['language'],
    title: str(r.title),
    body: str(r.body),
    tags: jsonArray(r.tags).map(String),
    enabled: Boolean(r.enabled),
    updatedBy: numOrNull(r.updated_by),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toUser(r: Row, skills: User['skills'], queues: string[]): User {
  return {
    id: num(r.id),
    username: str(r.username),
    displayName: str(r.display_name),
    role: str(r.role) as User['role'],
    language: str(r.language) as User['language'],
    enabled: Boolean(r.enabled),
    endpoint: strOrNull(r.endpoint),
    skills,
    queues,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toAudit(r: Row): AuditEntry {
  return {
    id: num(r.id),
    at: date(r.at),
    actorId: numOrNull(r.actor_id),
    action: str(r.action),
    entity: str(r.entity),
    entityId: strOrNull(r.entity_id),
    details: (r.details ?? {}) as Record<string, unknown>,
  };
}

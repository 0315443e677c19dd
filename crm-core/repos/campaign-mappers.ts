import type {
  CampaignAttemptRecord,
  CampaignContactRecord,
  CampaignDefinition,
  CampaignRecord,
  DncEntry,
} from '../campaign-types.js';
import { date, dateOrNull, num, numOrNull, str, strOrNull, type Row } from './rows.js';

/** Row (snake_case) to record (camelCase) and back, for the campaign tables. */

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function toCampaign(r: Row): CampaignRecord {
  return {
    id: num(r.id),
    name: str(r.name),
    queueId: str(r.queue),
    mode: str(r.mode) as CampaignRecord['mode'],
    state: str(r.state) as CampaignRecord['state'],
    callingHours: { start: str(r.calling_hours_start), end: str(r.calling_hours_end) },
    maxAttempts: num(r.max_attempts),
    retryDelayMinutes: json<CampaignRecord['retryDelayMinutes']>(r.retry_delay_minutes),
    callerId: str(r.caller_id),
    jurisdiction: str(r.jurisdiction),
    abandonCap: { maxRate: num(r.abandon_max_rate), windowDays: num(r.abandon_window_days) },
    defaultTimezone: str(r.default_timezone),
    amd: Boolean(r.amd),
    maxConnectDelayMs: num(r.max_connect_delay_ms),
    dialTimeoutSeconds: num(r.dial_timeout_seconds),
    maxLinesPerAgent: num(r.max_lines_per_agent),
    createdBy: numOrNull(r.created_by),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    startedAt: dateOrNull(r.started_at),
    stoppedAt: dateOrNull(r.stopped_at),
  };
}

export function campaignColumns(d: CampaignDefinition): Row {
  return {
    name: d.name,
    queue: d.queueId,
    mode: d.mode,
    calling_hours_start: d.callingHours.start,
    calling_hours_end: d.callingHours.end,
    max_attempts: d.maxAttempts,
    retry_delay_minutes: JSON.stringify(d.retryDelayMinutes),
    caller_id: d.callerId,
    jurisdiction: d.jurisdiction,
    abandon_max_rate: d.abandonCap.maxRate,
    abandon_window_days: d.abandonCap.windowDays,
    default_timezone: d.defaultTimezone,
    amd: d.amd,
    max_connect_delay_ms: d.maxConnectDelayMs,
    dial_timeout_seconds: d.dialTimeoutSeconds,
    max_lines_per_agent: d.maxLinesPerAgent,
  };
}

export function toCampaignContact(r: Row): CampaignContactRecord {
  return {
    id: num(r.id),
    campaignId: num(r.campaign_id),
    phone: str(r.phone),
    name: str(r.name),
    timezone: str(r.timezone),
    account: str(r.account),
    data: json<Record<string, string>>(r.data),
    status: str(r.status) as CampaignContactRecord['status'],
    attempts: num(r.attempts),
    nextAttemptAt: dateOrNull(r.next_attempt_at),
    lastOutcome: strOrNull(r.last_outcome) as CampaignContactRecord['lastOutcome'],
    sourceLine: numOrNull(r.source_line),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toCampaignAttempt(r: Row): CampaignAttemptRecord {
  return {
    id: num(r.id),
    campaignId: num(r.campaign_id),
    contactId: num(r.contact_id),
    attempt: num(r.attempt),
    callId: str(r.call_id),
    phone: str(r.phone),
    startedAt: date(r.started_at),
    answeredAt: dateOrNull(r.answered_at),
    connectedAt: dateOrNull(r.connected_at),
    endedAt: dateOrNull(r.ended_at),
    outcome: strOrNull(r.outcome) as CampaignAttemptRecord['outcome'],
    amdStatus: strOrNull(r.amd_status),
    agentId: numOrNull(r.agent_id),
  };
}

export function toDncEntry(r: Row): DncEntry {
  return {
    phone: str(r.phone),
    source: str(r.source) as DncEntry['source'],
    reason: str(r.reason),
    campaignId: numOrNull(r.campaign_id),
    addedBy: numOrNull(r.added_by),
    createdAt: date(r.created_at),
  };
}

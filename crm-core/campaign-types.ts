/**
 * Outbound campaign records as the repositories return them. The rules (validation of a
 * definition, the state machine, retries) live in outbound/; crm-core stores what the server
 * hands it after those rules ran.
 */
export const CAMPAIGN_MODES = ['preview', 'progressive', 'predictive'] as const;
export const CAMPAIGN_STATES = ['draft', 'running', 'paused', 'stopped'] as const;
export const CAMPAIGN_CONTACT_STATUSES = [
  'pending',
  'dialing',
  'retry',
  'done',
  'exhausted',
  'invalid',
  'dnc',
] as const;
export const CAMPAIGN_OUTCOMES = [
  'answered',
  'no_answer',
  'busy',
  'machine',
  'abandoned',
  'wrong_number',
  'dnc_request',
] as const;
export const DNC_SOURCES = ['api', 'import', 'agent'] as const;

export type CampaignMode = (typeof CAMPAIGN_MODES)[number];
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export type CampaignContactStatus = (typeof CAMPAIGN_CONTACT_STATUSES)[number];
export type CampaignOutcome = (typeof CAMPAIGN_OUTCOMES)[number];
export type DncSource = (typeof DNC_SOURCES)[number];

/** What a campaign is, without its life: the shape outbound's parseCampaign returns. */
export interface CampaignDefinition {
  name: string;
  queueId: string;
  mode: CampaignMode;
  callingHours: { start: string; end: string };
  maxAttempts: number;
  retryDelayMinutes: { no_answer: number; busy: number; machine: number; abandoned: number };
  callerId: string;
  jurisdiction: string;
  abandonCap: { maxRate: number; windowDays: number };
  defaultTimezone: string;
  amd: boolean;
  maxConnectDelayMs: number;
  dialTimeoutSeconds: number;
  maxLinesPerAgent: number;
}

export interface CampaignRecord extends CampaignDefinition {
  id: number;
  state: CampaignState;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  stoppedAt: Date | null;
}

export interface CampaignContactRecord {
  id: number;
  campaignId: number;
  /** E.164. */
  phone: string;
  name: string;
  timezone: string;
  account: string;
  data: Record<string, string>;
  status: CampaignContactStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastOutcome: CampaignOutcome | null;
  sourceLine: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A contact as an import hands it over: already validated and normalised. */
export interface NewCampaignContact {
  phone: string;
  name: string | null;
  timezone: string;
  account: string | null;
  data: Record<string, string>;
  line: number;
}

export interface ContactImportSummary {
  inserted: number;
  /** Rows whose number the campaign already had: empty fields filled, data keys added. */
  mergedIntoExisting: number;
}

export interface CampaignAttemptRecord {
  id: number;
  campaignId: number;
  contactId: number;
  attempt: number;
  callId: string;
  phone: string;
  startedAt: Date;
  answeredAt: Date | null;
  connectedAt: Date | null;
  endedAt: Date | null;
  outcome: CampaignOutcome | null;
  amdStatus: string | null;
  agentId: number | null;
}

/** Raw counts the statistics are computed from (outbound's computeCampaignStats). */
export interface CampaignCounts {
  outcomes: Record<CampaignOutcome, number>;
  /** Attempts started and not finished: lines ringing or calls in progress. */
  open: number;
  contactsTotal: number;
  /** Contacts that will not be dialed again (done, exhausted, invalid, dnc). */
  contactsClosed: number;
  /** Live answers and abandoned calls over the campaign's abandon window. */
  window: { liveAnswers: number; abandoned: number };
}

export interface DncEntry {
  phone: string;
  source: DncSource;
  reason: string;
  campaignId: number | null;
  addedBy: number | null;
  createdAt: Date;
}

/**
 * Outbound campaign payloads of the CRM API (`/api/v1/campaigns`), as the supervisor console
 * reads and sends them. Dates travel as ISO strings.
 */
export type CampaignMode = 'preview' | 'progressive' | 'predictive';
export type CampaignState = 'draft' | 'running' | 'paused' | 'stopped';
export type CampaignAction = 'start' | 'pause' | 'resume' | 'stop';
export type CampaignOutcome =
  'answered' | 'no_answer' | 'busy' | 'machine' | 'abandoned' | 'wrong_number' | 'dnc_request';

/** `POST /api/v1/campaigns` (and `PUT /campaigns/:id`); omitted fields take the server's defaults. */
export interface CampaignInput {
  name: string;
  queueId: string;
  mode: CampaignMode;
  callerId: string;
  callingHours?: { start: string; end: string };
  maxAttempts?: number;
  defaultTimezone?: string;
  abandonCap?: { maxRate?: number; windowDays?: number };
  amd?: boolean;
}

export interface CampaignView {
  id: number;
  name: string;
  queueId: string;
  mode: CampaignMode;
  state: CampaignState;
  callingHours: { start: string; end: string };
  maxAttempts: number;
  callerId: string;
  defaultTimezone: string;
  abandonCap: { maxRate: number; windowDays: number };
  amd: boolean;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
}

/** `GET /api/v1/campaigns` */
export interface CampaignListResponse {
  items: CampaignView[];
  nextCursor: string | null;
}

/** `GET /api/v1/campaigns/:id/stats` */
export interface CampaignStatsView {
  campaignId: number;
  state: CampaignState;
  mode: CampaignMode;
  dialed: number;
  answered: number;
  machines: number;
  abandoned: number;
  abandonedPercent: number;
  /** Abandoned share of live answers over the cap's window (the legal figure). */
  windowAbandonedPercent: number;
  occupancyPercent: number;
  contactsRemaining: number;
  dialRatio: number;
  agentsOnDuty: number;
  ringingLines: number;
  abandonCapPercent: number;
  abandonWindowDays: number;
  outcomes: Record<CampaignOutcome, number>;
  /** When the dialer last looked at the floor; null before its first tick. */
  floorAt: string | null;
}

/** `POST /api/v1/campaigns/:id/contacts/import` with the CSV file as the body. */
export interface ContactImportReportView {
  campaignId: number;
  imported: number;
  mergedIntoExisting: number;
  mergedInFile: { phone: string; keptLine: number; mergedLines: number[]; conflicts: string[] }[];
  rejected: { line: number; reason: string }[];
  skippedDnc: { phone: string; line: number }[];
}

/** A campaign contact as the previewing agent sees it (`POST /campaigns/:id/preview/next`). */
export interface PreviewContactView {
  id: number;
  campaignId: number;
  phone: string;
  name: string;
  timezone: string;
  account: string;
  /** The list's other columns. */
  data: Record<string, string>;
  attempts: number;
  lastOutcome: CampaignOutcome | null;
}

export interface PreviewNextResponse {
  contact: PreviewContactView | null;
}

/** `POST /campaigns/:id/preview/dial`: the call's id, offered to this agent when answered. */
export interface PreviewDialResponse {
  callId: string;
}

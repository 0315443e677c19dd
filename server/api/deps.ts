import type { Crm } from '../../crm-core/index.js';
import type { Logger } from '../logger.js';
import type { CrmChanges } from '../wiring/crm-changes.js';
import type { LoginRateLimiter } from './rate-limit.js';

export interface CrmApiDeps {
  crm: Crm;
  logger: Logger;
  /** Failed logins; defaults to the CRM's PostgreSQL counter. */
  loginLimiter?: LoginRateLimiter;
  /** Origins allowed to send state-changing requests with the session cookie. */
  allowedOrigins?: readonly string[];
  /** Region for numbers written without a country code (contact lists, DNC). Default CN. */
  defaultRegion?: string;
  /** The dialer's live view of a campaign's floor, for the statistics; none without a dialer. */
  campaignFloor?: CampaignFloorSource;
  /** Told of callbacks and complaints the API changed (their BullMQ jobs follow). */
  changes?: CrmChanges;
}

/** What the dialer last saw on a campaign's floor. */
export interface CampaignFloor {
  agentsOnDuty: number;
  ringingLines: number;
  /** Lines ringing per agent expected free, as the pacing decided on its last tick. */
  dialRatio: number;
  /** Per agent of the campaign's queue: talk time and logged-in time since the campaign started. */
  agents: { talkMs: number; availableMs: number }[];
  /** When the dialer took this view. */
  at: string;
}

export interface CampaignFloorSource {
  floor(campaignId: number): Promise<CampaignFloor | null>;
}

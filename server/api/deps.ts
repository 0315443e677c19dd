import type { Route } from './route.js';
import type { Crm } from '../../crm-core/index.js';
import type { Logger } from '../logger.js';
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
  /**
   * Told when a user's sessions end (logout, account disabled, password changed), so that the
   * consoles' open sockets of that user are closed at once rather than at the next re-check.
   */
  sessionsEnded?: SessionsEndedListener;
  /**
   * Routes that other parts of the server mount once they are up (the dialer's), so that the
   * OpenAPI document lists them too; read when the document is first asked for.
   */
  moreRoutes?: () => readonly Route[];
}

export type SessionEndReason = 'logged_out' | 'disabled' | 'revoked';
export type SessionsEndedListener = (userId: number, reason: SessionEndReason) => void;

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

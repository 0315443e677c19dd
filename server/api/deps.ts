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
}

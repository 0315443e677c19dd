// Public API of crm-core/: everything other folders may import from here.
export { createCrm, type Crm, type CrmOptions } from './crm.js';
export {
  crmMigrations,
  migrateLatest,
  migrateDown,
  type CrmMigration,
} from './migrations/index.js';
export { CrmError, type CrmErrorCode } from './errors.js';
export { normalisePhone, type CountryCode } from './phone.js';
export { isValidTicketNumber } from './ticket.js';
export { toCsv, type CsvCell } from './csv.js';
export {
  seedDemo,
  DEMO_CUSTOMER,
  DEMO_PASSWORD,
  type SeedOptions,
  type SeedSummary,
} from './seed/demo.js';
export {
  allowedComplaintMoves,
  allowedCallbackMoves,
  COMPLAINT_STATUSES,
  CALLBACK_STATUSES,
  ACTIVE_CALLBACK_STATUSES,
} from './workflow.js';
export * from './schemas/index.js';
export type * from './types.js';
export type { CustomerRepository } from './repos/customers.js';
export type { AccountRepository } from './repos/accounts.js';
export type { InteractionRepository, CallPatch, RecordedCall } from './repos/interactions.js';
export type { ComplaintRepository } from './repos/complaints.js';
export type { CallbackRepository } from './repos/callbacks.js';
export type { StrategyRepository } from './repos/strategies.js';
export type { KnowledgeRepository } from './repos/knowledge.js';
export type { UserRepository } from './repos/users.js';
export type { SessionRepository } from './repos/sessions.js';
export type {
  LoginAttemptRepository,
  LoginThrottleOptions,
  ThrottleState,
} from './repos/login-attempts.js';
export type { AuditRepository } from './repos/audit.js';
export type { ReportRepository } from './repos/reports.js';
export * from './campaign-types.js';
export type { CampaignRepository } from './repos/campaigns.js';
export type { CampaignContactRepository } from './repos/campaign-contacts.js';
export { LIVE_OUTCOMES } from './repos/campaign-attempts.js';
export type {
  CampaignAttemptRepository,
  ContactAfterOutcome,
  DialSample,
  FinishInput,
} from './repos/campaign-attempts.js';
export type { DncRepository, DncAddOptions } from './repos/dnc.js';

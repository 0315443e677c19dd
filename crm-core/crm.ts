import type { Knex } from 'knex';
import type { CrmContext } from './context.js';
import type { CountryCode } from './phone.js';
import { AccountRepository } from './repos/accounts.js';
import { AuditRepository } from './repos/audit.js';
import { CallbackRepository } from './repos/callbacks.js';
import { CampaignAttemptRepository } from './repos/campaign-attempts.js';
import { CampaignContactRepository } from './repos/campaign-contacts.js';
import { CampaignRepository } from './repos/campaigns.js';
import { ComplaintRepository } from './repos/complaints.js';
import { CustomerRepository } from './repos/customers.js';
import { DncRepository } from './repos/dnc.js';
import { InteractionRepository } from './repos/interactions.js';
import { KnowledgeRepository } from './repos/knowledge.js';
import { LoginAttemptRepository, type LoginThrottleOptions } from './repos/login-attempts.js';
import { ReportRepository } from './repos/reports.js';
import { SessionRepository } from './repos/sessions.js';
import { StrategyRepository } from './repos/strategies.js';
import { UserRepository } from './repos/users.js';

export interface CrmOptions {
  /** Region for numbers written without a country prefix. Default CN. */
  defaultRegion?: CountryCode;
  /** The clock; tests pass their own. */
  now?: () => Date;
  sessionTtlMs?: number;
  loginThrottle?: LoginThrottleOptions;
}

export interface Crm {
  readonly knex: Knex;
  readonly customers: CustomerRepository;
  readonly accounts: AccountRepository;
  readonly interactions: InteractionRepository;
  readonly complaints: ComplaintRepository;
  readonly callbacks: CallbackRepository;
  readonly strategies: StrategyRepository;
  readonly knowledge: KnowledgeRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly loginAttempts: LoginAttemptRepository;
  readonly audit: AuditRepository;
  readonly reports: ReportRepository;
  readonly campaigns: CampaignRepository;
  readonly campaignContacts: CampaignContactRepository;
  readonly campaignAttempts: CampaignAttemptRepository;
  readonly dnc: DncRepository;
}

export function createCrm(knex: Knex, opts: CrmOptions = {}): Crm {
  const ctx: CrmContext = {
    knex,
    now: opts.now ?? (() => new Date()),
    defaultRegion: opts.defaultRegion ?? 'CN',
  };
  return {
    knex,
    customers: new CustomerRepository(ctx),
    accounts: new AccountRepository(ctx),
    interactions: new InteractionRepository(ctx),
    complaints: new ComplaintRepository(ctx),
    callbacks: new CallbackRepository(ctx),
    strategies: new StrategyRepository(ctx),
    knowledge: new KnowledgeRepository(ctx),
    users: new UserRepository(ctx),
    sessions: new SessionRepository(ctx, opts.sessionTtlMs),
    loginAttempts: new LoginAttemptRepository(ctx, opts.loginThrottle),
    audit: new AuditRepository(ctx),
    reports: new ReportRepository(ctx),
    campaigns: new CampaignRepository(ctx),
    campaignContacts: new CampaignContactRepository(ctx),
    campaignAttempts: new CampaignAttemptRepository(ctx),
    dnc: new DncRepository(ctx),
  };
}

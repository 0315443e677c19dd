import type { Router } from 'express';
import type { Knex } from 'knex';
import {
  createCrm,
  migrateLatest,
  seedDemo,
  type CountryCode,
  type Crm,
} from '../../crm-core/index.js';
import {
  createCrmApi,
  type CampaignFloorSource,
  type Route,
  type SessionsEndedListener,
} from '../api/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface CrmWiring {
  crm: Crm;
  /** The REST API, for createHttpApp's apiRouters. */
  router: Router;
}

/** What the rest of the server hooks into the CRM API. */
export interface CrmApiHooks {
  /** Logouts and disabled accounts: the consoles' sockets of that user are closed. */
  sessionsEnded?: SessionsEndedListener;
  /** The dialer's view of campaign floors, for the live statistics. */
  campaignFloor?: CampaignFloorSource;
  /** Routes mounted later by other parts (the dialer's), listed in the OpenAPI document. */
  moreRoutes?: () => readonly Route[];
}

/** Customers a first start seeds, so that the console has someone to show. */
const FIRST_RUN_CUSTOMERS = 200;

/**
 * Brings the CRM up: migrations, then (outside production, on a database without users) the
 * demo data, then the repositories and the REST API.
 */
export async function wireCrm(
  knex: Knex,
  config: Config,
  logger: Logger,
  hooks: CrmApiHooks = {},
): Promise<CrmWiring> {
  const log = logger.child({ component: 'crm' });
  const applied = await migrateLatest(knex);
  if (applied.length) log.info({ migrations: applied }, 'database migrated');
  const crm = createCrm(knex, { defaultRegion: config.DEFAULT_PHONE_REGION as CountryCode });
  if (config.NODE_ENV !== 'production' && (await crm.users.count()) === 0) {
    const summary = await seedDemo(crm, { customers: FIRST_RUN_CUSTOMERS });
    log.warn(
      { ...summary },
      'empty database: seeded demo users (agent1..agent4, supervisor, admin; password in docs/crm.md) and demo customers',
    );
  }
  const router = createCrmApi({
    crm,
    logger: log,
    allowedOrigins: config.allowedOrigins,
    defaultRegion: config.DEFAULT_PHONE_REGION,
    ...(hooks.sessionsEnded ? { sessionsEnded: hooks.sessionsEnded } : {}),
    ...(hooks.campaignFloor ? { campaignFloor: hooks.campaignFloor } : {}),
    ...(hooks.moreRoutes ? { moreRoutes: hooks.moreRoutes } : {}),
  });
  return { crm, router };
}

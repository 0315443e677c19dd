import type { Router } from 'express';
import type { Knex } from 'knex';
import {
  createCrm,
  migrateLatest,
  seedDemo,
  type CountryCode,
  type Crm,
} from '../../crm-core/index.js';
import { createCrmApi } from '../api/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CrmChanges } from './crm-changes.js';

export interface CrmWiring {
  crm: Crm;
  /** The REST API, for createHttpApp's apiRouters. */
  router: Router;
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
  changes?: CrmChanges,
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
    ...(changes ? { changes } : {}),
  });
  return { crm, router };
}

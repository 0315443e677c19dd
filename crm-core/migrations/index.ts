import type { Knex } from 'knex';
import { m0001Users } from './0001_users.js';
import { m0002Customers } from './0002_customers.js';
import { m0003Interactions } from './0003_interactions.js';
import { m0004Complaints } from './0004_complaints.js';
import { m0005Callbacks } from './0005_callbacks.js';
import { m0006Knowledge } from './0006_knowledge.js';
import { m0007ScreenPop } from './0007_screen_pop.js';
import { m0009Campaigns } from './0009_campaigns.js';
import { m0010RecordingSegments } from './0010_recording_segments.js';
import type { CrmMigration } from './types.js';

export type { CrmMigration };

/** In order. Migrations are code, not files found on disk, so a bundle or a test runs the same. */
export const crmMigrations: readonly CrmMigration[] = [
  m0001Users,
  m0002Customers,
  m0003Interactions,
  m0004Complaints,
  m0005Callbacks,
  m0006Knowledge,
  m0007ScreenPop,
  m0009Campaigns,
  m0010RecordingSegments,
];

const TABLE = 'crm_migrations';

const source: Knex.MigrationSource<CrmMigration> = {
  getMigrations: () => Promise.resolve([...crmMigrations]),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m),
};

const config: Knex.MigratorConfig = { migrationSource: source, tableName: TABLE };

/** Applies every migration not yet applied; answers with the names it ran. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, names] = (await knex.migrate.latest(config)) as [number, string[]];
  return names;
}

/**
 * Rolls back every applied migration and removes knex's own bookkeeping tables, leaving the
 * schema as it was before the first `migrateLatest`.
 */
export async function migrateDown(knex: Knex): Promise<void> {
  await knex.migrate.rollback(config, true);
  await knex.schema.dropTableIfExists(`${TABLE}_lock`);
  await knex.schema.dropTableIfExists(TABLE);
}

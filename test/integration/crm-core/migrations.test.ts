import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmMigrations, migrateDown, migrateLatest } from '../../../crm-core/index.js';
import { backends, type OpenBackend } from './support/backends.js';

describe.each(backends)('migrations on $name', (backend) => {
  let db: OpenBackend;

  beforeAll(async () => {
    db = await backend.open('crm_migrations');
  });
  afterAll(() => db.close());

  const tables = async () => {
    const { rows } = await db.knex.raw<{ rows: { table_name: string }[] }>(
      `select table_name from information_schema.tables
        where table_schema = current_schema() order by table_name`,
    );
    return rows.map((r) => r.table_name);
  };

  it('creates every table, and a second run applies nothing', async () => {
    expect(await migrateLatest(db.knex)).toEqual(crmMigrations.map((m) => m.name));
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'accounts',
        'audit_log',
        'callback_attempts',
        'callbacks',
        'complaint_categories',
        'complaint_events',
        'complaints',
        'crm_migrations',
        'customer_merges',
        'customer_phones',
        'customers',
        'interactions',
        'knowledge_entries',
        'login_failures',
        'service_strategies',
        'sessions',
        'user_queues',
        'user_skills',
        'users',
      ]),
    );
    expect(await migrateLatest(db.knex)).toEqual([]);
  });

  const functions = async () => {
    const { rows } = await db.knex.raw<{ rows: { proname: string }[] }>(
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = current_schema()`,
    );
    return rows.map((r) => r.proname);
  };

  it('rolls everything back, leaving no tables, and can migrate up again', async () => {
    expect(await functions()).toEqual(['crm_screen_pop']);
    await migrateDown(db.knex);
    expect(await tables()).toEqual([]);
    expect(await functions()).toEqual([]);
    await migrateLatest(db.knex);
    expect((await tables()).length).toBeGreaterThan(15);
  });
});

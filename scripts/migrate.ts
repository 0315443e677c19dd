/**
 * `npm run migrate [-- --down]`: applies the CRM migrations (or rolls all of them back) on
 * DATABASE_URL.
 */
import knexFactory from 'knex';
import { migrateDown, migrateLatest } from '../crm-core/index.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/contact_center)');
  process.exit(1);
}
const down = process.argv.includes('--down');
const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
try {
  if (down) {
    await migrateDown(knex);
    console.log('all CRM migrations rolled back');
  } else {
    const applied = await migrateLatest(knex);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
  }
} catch (err) {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}

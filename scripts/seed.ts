/**
 * `npm run seed [-- --customers N] [--seed S]`: migrates, then fills DATABASE_URL (or, when it is
 * unset, the embedded database under DATA_DIR, as `npm start` uses) with demo data. See
 * docs/crm.md for the demo users and the demo customer.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { createCrm, migrateLatest, seedDemo, type CountryCode } from '../crm-core/index.js';
import { startEmbeddedPostgres } from '../server/infra/embedded-postgres.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    seed: { type: 'string' },
  },
});
const customers = Number(values.customers);
if (!Number.isInteger(customers) || customers < 0 || customers > 5_000_000) {
  console.error('--customers: a whole number from 0 to 5000000');
  process.exit(1);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) {
  console.error('--seed: a whole number');
  process.exit(1);
}

let url = process.env.DATABASE_URL;
let embedded: { stop(): Promise<void> } | undefined;
if (!url) {
  const dir = join(process.env.DATA_DIR ?? './data', 'pglite');
  const pg = await startEmbeddedPostgres(dir);
  embedded = pg;
  url = pg.url;
  console.log(`DATABASE_URL not set: seeding the embedded database in ${dir}`);
}
const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 4 } });
const started = Date.now();
try {
  await migrateLatest(knex);
  const region = (process.env.DEFAULT_PHONE_REGION ?? 'CN') as CountryCode;
  const crm = createCrm(knex, { defaultRegion: region });
  const summary = await seedDemo(crm, { customers, ...(seed === undefined ? {} : { seed }) });
  console.log(JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000 }));
} catch (err) {
  console.error(`seeding failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
  await embedded?.stop();
}

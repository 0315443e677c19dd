import knexFactory, { type Knex } from 'knex';
import { TEST_DATABASE_URL, uniqueName } from './env.js';

/**
 * A knex bound to a fresh schema of its own, so that test files never see each other's rows.
 * `drop()` removes the schema and closes the pool.
 */
export interface TestDatabase {
  knex: Knex;
  schema: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(
  label: string,
  url = TEST_DATABASE_URL,
): Promise<TestDatabase> {
  const schema = uniqueName(label);
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw('create schema ??', [schema]);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    searchPath: [schema, 'public'],
    pool: { min: 0, max: 8 },
  });
  return {
    knex,
    schema,
    async drop() {
      await knex.raw('drop schema if exists ?? cascade', [schema]);
      await knex.destroy();
    },
  };
}

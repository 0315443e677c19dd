import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Lifecycle } from './lifecycle.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

// BIGINT counts and NUMERIC money arrive as strings from pg; parse the counts, keep money exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface Database {
  readonly knex: Knex;
  readonly embedded: boolean;
}

export async function openDatabase(
  config: Config,
  logger: Logger,
  life: Lifecycle,
): Promise<Database> {
  let url = config.DATABASE_URL;
  let embedded = false;
  if (!url) {
    const dir = join(config.DATA_DIR, 'pglite');
    const pgl = await startEmbeddedPostgres(dir);
    life.onStop('embedded-postgres', () => pgl.stop());
    url = pgl.url;
    embedded = true;
    logger.info({ dataDir: dir }, 'DATABASE_URL not set: using the embedded PostgreSQL (PGlite)');
  }
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    // PGlite runs every query on one WebAssembly thread: a big pool only queues.
    pool: embedded ? { min: 0, max: 4 } : { min: 0, max: 20 },
  });
  life.onStop('knex', () => knex.destroy());
  return { knex, embedded };
}

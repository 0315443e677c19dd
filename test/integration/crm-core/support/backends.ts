import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { startEmbeddedPostgres } from '../../../../server/infra/embedded-postgres.js';
import { createTestDatabase } from '../../../support/pg.js';

/**
 * The repository suites run against both databases the server supports: the real PostgreSQL
 * (a schema of the file's own) and the embedded PGlite (a fresh instance in a temp directory,
 * reached over its wire protocol exactly as the server reaches it).
 */
export interface OpenBackend {
  knex: Knex;
  close(): Promise<void>;
}

export interface Backend {
  name: 'postgresql' | 'pglite';
  open(label: string): Promise<OpenBackend>;
}

export const backends: Backend[] = [
  {
    name: 'postgresql',
    async open(label) {
      const db = await createTestDatabase(label);
      return { knex: db.knex, close: () => db.drop() };
    },
  },
  {
    name: 'pglite',
    async open(label) {
      const dir = await mkdtemp(join(tmpdir(), `crm-${label}-`));
      const pg = await startEmbeddedPostgres(dir);
      const knex = knexFactory({ client: 'pg', connection: pg.url, pool: { min: 0, max: 4 } });
      return {
        knex,
        async close() {
          await knex.destroy();
          await pg.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t: Date = new Date('2025-03-03T02:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export const HOUR = 3600 * 1000;

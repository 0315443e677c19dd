import type { Knex } from 'knex';
import type { CountryCode } from './phone.js';

/** What every repository is built from. `now` is injected so that tests control time. */
export interface CrmContext {
  readonly knex: Knex;
  readonly now: () => Date;
  readonly defaultRegion: CountryCode;
}

/** A query runner: the pool, or the transaction a caller is already in. */
export type Db = Knex | Knex.Transaction;

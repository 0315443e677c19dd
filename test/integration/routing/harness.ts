import { createTestRedis, type TestRedis } from '../../support/redis.js';
import { createAcdStore } from '../../../server/wiring/routing.js';
import type { AcdStore, AcdStoreOptions } from '../../../routing/index.js';

export const T0 = 1_764_000_000_000;

/** A store on real Redis under this file's own prefix, with a clock the test moves. */
export interface Harness {
  db: TestRedis;
  acd: AcdStore;
  clock: { t: number };
  at(seconds: number): void;
  /** Another node: its own connection and store, same prefix and clock. */
  node(opts?: Partial<AcdStoreOptions>): AcdStore;
  drop(): Promise<void>;
}

export function harness(label: string, opts: Partial<AcdStoreOptions> = {}): Harness {
  const db = createTestRedis(label);
  const clock = { t: T0 };
  const make = (conn = db.redis, extra: Partial<AcdStoreOptions> = {}) =>
    createAcdStore(conn, { prefix: db.prefix, now: () => clock.t, ...opts, ...extra });
  return {
    db,
    acd: make(),
    clock,
    at(seconds) {
      clock.t = T0 + seconds * 1000;
    },
    node: (extra) => make(db.connect(), extra),
    drop: () => db.drop(),
  };
}

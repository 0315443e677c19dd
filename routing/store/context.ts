import { RoutingError } from '../errors.js';
import { routingKeys, type RoutingKeys } from './keys.js';
import type { LuaScript, ScriptRunner } from './port.js';

export interface AcdStoreOptions {
  /** Prefix of every key (tests use createTestRedis().prefix). */
  prefix: string;
  /** The clock, in ms; defaults to Date.now. */
  now?: () => number;
  /** Consecutive missed offers that pause an agent with reason "no answer"; 0: never. Default 3. */
  maxMissedOffers?: number;
  /** Append every reservation and release to a stream (for audits and concurrency checks). */
  journal?: boolean;
  /** Free agents / waiting calls read per round trip (later pages double). Default 8. */
  pageSize?: number;
  /** Overflow hops after which a caller exits to a callback. Default 5. */
  maxHops?: number;
  /** Every waiting call is reviewed at least this often, as a safety net. Default 30. */
  recheckSeconds?: number;
  /** A claimed timer entry is retried by another node after this long. Default 5000. */
  leaseMs?: number;
  /** Agents left unmatched this long (their node died) are matched by any node's tick. Default 2000. */
  pendingGraceMs?: number;
  /** Offset of the statistics day from UTC, in minutes. Default 0. */
  utcOffsetMinutes?: number;
  /** Optimistic retries before giving up with 'conflict'. Default 50. */
  maxRetries?: number;
}

export type ResolvedOptions = Required<Omit<AcdStoreOptions, 'now'>>;

/** What every part of the store shares: the port, the key names, the clock and the options. */
export class StoreContext {
  readonly keys: RoutingKeys;
  readonly opts: ResolvedOptions;
  readonly clock: () => number;

  constructor(
    readonly runner: ScriptRunner,
    options: AcdStoreOptions,
  ) {
    if (typeof options.prefix !== 'string') {
      throw new RoutingError('invalid_input', 'AcdStore needs a key prefix (string)');
    }
    this.keys = routingKeys(options.prefix);
    this.clock = options.now ?? Date.now;
    this.opts = {
      prefix: options.prefix,
      maxMissedOffers: options.maxMissedOffers ?? 3,
      journal: options.journal ?? false,
      pageSize: options.pageSize ?? 8,
      maxHops: options.maxHops ?? 5,
      recheckSeconds: options.recheckSeconds ?? 30,
      leaseMs: options.leaseMs ?? 5000,
      pendingGraceMs: options.pendingGraceMs ?? 2000,
      utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
      maxRetries: options.maxRetries ?? 50,
    };
  }

  now(): number {
    return this.clock();
  }

  private dayCache = { from: 0, to: -1, day: '' };

  /** The statistics day of a moment: YYYY-MM-DD in the configured offset from UTC. */
  day(now: number): string {
    const c = this.dayCache;
    if (now >= c.from && now < c.to) return c.day;
    const local = now + this.opts.utcOffsetMinutes * 60_000;
    const from = now - (local % 86_400_000);
    this.dayCache = {
      from,
      to: from + 86_400_000,
      day: new Date(local).toISOString().slice(0, 10),
    };
    return this.dayCache.day;
  }

  /** Runs a script with the common ARGV (prefix, now, day, journal) and decodes its JSON reply. */
  async exec<T>(
    script: LuaScript,
    keys: readonly string[],
    args: readonly (string | number)[],
    now: number,
  ): Promise<T> {
    const common = [this.opts.prefix, String(now), this.day(now), this.opts.journal ? '1' : '0'];
    const raw = await this.runner.run(script, keys, [...common, ...args]);
    if (typeof raw !== 'string') {
      throw new RoutingError(
        'store_reply',
        `script ${script.name} returned ${typeof raw}, not JSON`,
      );
    }
    try {
      return JSON.parse(raw) as T;
    } catch {
      throw new RoutingError('store_reply', `script ${script.name} returned invalid JSON`);
    }
  }

  conflict(what: string): RoutingError {
    return new RoutingError(
      'conflict',
      `${what}: the state kept changing under ${this.opts.maxRetries} attempts; try again`,
    );
  }
}

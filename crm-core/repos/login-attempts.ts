import type { CrmContext } from '../context.js';
import { date, num, type Row } from './rows.js';

/**
 * Failed-login counters in PostgreSQL, so that every server node sees the same count. A key is
 * blocked once it has `maxFailures` failures inside `windowMs` of its first failure.
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
}

export interface ThrottleState {
  blocked: boolean;
  /** Seconds until the key may try again (0 when not blocked). */
  retryAfterSeconds: number;
}

export class LoginAttemptRepository {
  constructor(
    private readonly ctx: CrmContext,
    private readonly opts: LoginThrottleOptions = { maxFailures: 5, windowMs: 5 * 60 * 1000 },
  ) {}

  async check(key: string): Promise<ThrottleState> {
    const row = await this.ctx.knex('login_failures').where({ key }).first<Row | undefined>();
    return this.state(row);
  }

  async recordFailure(key: string): Promise<ThrottleState> {
    const now = this.ctx.now();
    const windowStart = new Date(now.getTime() - this.opts.windowMs);
    // One statement, so that two nodes counting the same key never lose a failure.
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `insert into login_failures (key, failures, first_failed_at) values (?, 1, ?)
       on conflict (key) do update set
         failures = case when login_failures.first_failed_at < ? then 1
                         else login_failures.failures + 1 end,
         first_failed_at = case when login_failures.first_failed_at < ? then excluded.first_failed_at
                                else login_failures.first_failed_at end
       returning failures, first_failed_at`,
      [key, now, windowStart, windowStart],
    );
    return this.state(rows[0]);
  }

  async reset(key: string): Promise<void> {
    await this.ctx.knex('login_failures').where({ key }).delete();
  }

  private state(row: Row | undefined): ThrottleState {
    if (!row) return { blocked: false, retryAfterSeconds: 0 };
    const until = date(row.first_failed_at).getTime() + this.opts.windowMs;
    const left = until - this.ctx.now().getTime();
    if (left <= 0 || num(row.failures) < this.opts.maxFailures) {
      return { blocked: false, retryAfterSeconds: 0 };
    }
    return { blocked: true, retryAfterSeconds: Math.ceil(left / 1000) };
  }
}

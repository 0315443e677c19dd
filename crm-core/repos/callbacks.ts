import type { CrmContext, Db } from '../context.js';
import { CrmError, foreignKeyViolation, notFound, uniqueViolation } from '../errors.js';
import { normalisePhone } from '../phone.js';
import {
  AttemptInput,
  CallbackCreateInput,
  CallbackListQuery,
  parseInput,
} from '../schemas/index.js';
import type { Callback, CallbackStatus, CallbackWithAttempts, Page, Tier } from '../types.js';
import { ACTIVE_CALLBACK_STATUSES, assertCallbackMove } from '../workflow.js';
import { toCallback, toCallbackAttempt } from './mappers.js';
import { num, str, type Row } from './rows.js';

/**
 * Callback requests and their attempts. A number has at most one live callback per queue;
 * asking again answers `callback_exists` with the live one's id.
 */
export class CallbackRepository {
  constructor(private readonly ctx: CrmContext) {}

  async create(input: unknown, actorId: number | null = null): Promise<CallbackWithAttempts> {
    const c = parseInput(CallbackCreateInput, input, 'callback');
    const phone = normalisePhone(c.phone, this.ctx.defaultRegion);
    if (!phone) {
      throw new CrmError('invalid_input', 'phone: not a valid phone number', [
        { path: 'phone', message: 'not a valid phone number' },
      ]);
    }
    const now = this.ctx.now();
    // The owner of the number when the caller did not say who they are.
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `select c.id, c.tier, s.callback_deadline_minutes
         from customers c join service_strategies s on s.tier = c.tier
        where c.id = coalesce(?::bigint, (select customer_id from customer_phones where e164 = ?))`,
      [c.customerId ?? null, phone],
    );
    const owner = rows[0];
    if (c.customerId && !owner) throw notFound('customer', c.customerId);
    const deadline = owner
      ? num(owner.callback_deadline_minutes)
      : await this.deadlineMinutes('standard');
    const earliest = c.earliest ?? now;
    const latest = c.latest ?? new Date(earliest.getTime() + deadline * 60_000);
    if (latest <= earliest) {
      throw new CrmError('invalid_input', 'latest: must be after earliest', [
        { path: 'latest', message: 'must be after earliest' },
      ]);
    }
    try {
      const [row] = await this.ctx
        .knex('callbacks')
        .insert({
          customer_id: owner ? num(owner.id) : null,
          phone,
          origin: c.origin,
          window_start: earliest,
          window_end: latest,
          timezone: c.timezone,
          status: 'pending',
          queue: c.queue,
          notes: c.notes,
          max_attempts: c.maxAttempts,
          interaction_id: c.interactionId ?? null,
          created_by: actorId,
          created_at: now,
          updated_at: now,
        })
        .returning<Row[]>('id');
      return this.get(num(row!.id));
    } catch (err) {
      if (uniqueViolation(err) === 'callbacks_active_phone_key') {
        const live = await this.ctx
          .knex('callbacks')
          .where({ phone, queue: c.queue })
          .whereIn('status', ACTIVE_CALLBACK_STATUSES)
          .first<Row | undefined>('id');
        throw new CrmError('callback_exists', `${phone} already has a callback in ${c.queue}`, {
          callbackId: live ? num(live.id) : null,
        });
      }
      if (foreignKeyViolation(err) !== null) {
        throw new CrmError('invalid_input', 'interactionId: no such interaction', [
          { path: 'interactionId', message: 'does not exist' },
        ]);
      }
      throw err;
    }
  }

  async get(id: number, db: Db = this.ctx.knex): Promise<CallbackWithAttempts> {
    const row = await db('callbacks').where({ id }).first<Row | undefined>();
    if (!row) throw notFound('callback', id);
    const attempts = (await db('callback_attempts')
      .where({ callback_id: id })
      .orderBy('id')) as Row[];
    return { ...toCallback(row), attemptLog: attempts.map(toCallbackAttempt) };
  }

  async list(query: unknown = {}): Promise<Page<Callback>> {
    const q = parseInput(CallbackListQuery, query, 'callback filter');
    const b = this.ctx
      .knex('callbacks')
      .select('*')
      .orderBy('id', 'desc')
      .limit(q.limit + 1);
    if (q.status) b.whereIn('status', q.status);
    if (q.customerId) b.where('customer_id', q.customerId);
    if (q.queue) b.where('queue', q.queue);
    if (q.origin) b.where('origin', q.origin);
    if (q.phone) b.where('phone', q.phone);
    if (q.cursor) b.where('id', '<', q.cursor);
    const rows = (await b) as Row[];
    const items = rows.slice(0, q.limit).map(toCallback);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
  }

  /**
   * The live callback of a number that can still be cancelled (pending or scheduled, not yet
   * dialling) whose window opens first, in any queue; null when it has none.
   */
  async findLiveByPhone(phone: string): Promise<Callback | null> {
    const e164 = normalisePhone(phone, this.ctx.defaultRegion);
    if (!e164) return null;
    const row = await this.ctx
      .knex('callbacks')
      .where({ phone: e164 })
      .whereIn('status', ['pending', 'scheduled'])
      .orderBy([{ column: 'window_start' }, { column: 'id' }])
      .first<Row | undefined>();
    return row ? toCallback(row) : null;
  }

  /** Callback `id` when it is one of this number's (any status), else null. */
  async getForPhone(id: number, phone: string): Promise<Callback | null> {
    const e164 = normalisePhone(phone, this.ctx.defaultRegion);
    if (!e164) return null;
    const row = await this.ctx
      .knex('callbacks')
      .where({ id, phone: e164 })
      .first<Row | undefined>();
    return row ? toCallback(row) : null;
  }

  cancel(id: number, reason?: string): Promise<CallbackWithAttempts> {
    return this.move(id, 'cancelled', reason ? { notes: reason } : {});
  }

  schedule(id: number): Promise<CallbackWithAttempts> {
    return this.move(id, 'scheduled', {});
  }

  /** The window closed or no attempt can happen in it any more. */
  expire(id: number, reason: string): Promise<CallbackWithAttempts> {
    return this.move(id, 'expired', { notes: reason });
  }

  /**
   * One callback's dial begins: pending or scheduled becomes dialing. null when it is in no
   * state to be dialled (already dialing, final): the caller reads it to see why.
   */
  async startDial(id: number): Promise<Callback | null> {
    const now = this.ctx.now();
    const rows = await this.ctx
      .knex('callbacks')
      .where({ id })
      .whereIn('status', ['pending', 'scheduled'])
      .update({ status: 'dialing', updated_at: now })
      .returning<Row[]>('*');
    return rows[0] ? toCallback(rows[0]) : null;
  }

  /**
   * Claims up to `limit` callbacks whose window is open, marking them dialing. SKIP LOCKED lets
   * several dialer workers claim at once without taking the same callback twice.
   */
  async claimDue(limit = 10, queue?: string): Promise<Callback[]> {
    const now = this.ctx.now();
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `update callbacks set status = 'dialing', updated_at = ?
        where id in (select id from callbacks
                      where status in ('pending', 'scheduled')
                        and window_start <= ? and window_end > ?
                        ${queue ? 'and queue = ?' : ''}
                      order by window_start, id
                      limit ? for update skip locked)
        returning *`,
      [now, now, now, ...(queue ? [queue] : []), limit],
    );
    return rows.map(toCallback);
  }

  /**
   * Logs one dial attempt of a dialing callback. Answered completes it; otherwise it waits for
   * the next attempt, or fails when no attempt is left.
   */
  async recordAttempt(id: number, input: unknown): Promise<CallbackWithAttempts> {
    const a = parseInput(AttemptInput, input, 'callback attempt');
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const row = await trx('callbacks').where({ id }).forUpdate().first<Row | undefined>();
      if (!row) throw notFound('callback', id);
      const attempts = num(row.attempts) + 1;
      const next: CallbackStatus =
        a.outcome === 'answered'
          ? 'completed'
          : attempts >= num(row.max_attempts)
            ? 'failed'
            : 'pending';
      assertCallbackMove(str(row.status) as CallbackStatus, next);
      await trx('callback_attempts').insert({
        callback_id: id,
        attempted_at: now,
        outcome: a.outcome,
        call_id: a.callId ?? null,
        agent_id: a.agentId ?? null,
        notes: a.notes ?? null,
      });
      await trx('callbacks')
        .where({ id })
        .update({ status: next, attempts, last_attempt_at: now, updated_at: now });
      return this.get(id, trx);
    });
  }

  /** Callbacks whose window closed before anyone called: expired. Answers how many. */
  async expireOverdue(): Promise<number> {
    const now = this.ctx.now();
    return this.ctx
      .knex('callbacks')
      .whereIn('status', ['pending', 'scheduled'])
      .where('window_end', '<=', now)
      .update({ status: 'expired', updated_at: now });
  }

  private async move(
    id: number,
    to: CallbackStatus,
    extra: { notes?: string },
  ): Promise<CallbackWithAttempts> {
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const row = await trx('callbacks')
        .where({ id })
        .forUpdate()
        .first<Row | undefined>('status', 'notes');
      if (!row) throw notFound('callback', id);
      assertCallbackMove(str(row.status) as CallbackStatus, to);
      const patch: Record<string, unknown> = { status: to, updated_at: now };
      if (extra.notes) {
        patch.notes = [str(row.notes), extra.notes].filter(Boolean).join('\n');
      }
      await trx('callbacks').where({ id }).update(patch);
      return this.get(id, trx);
    });
  }

  private async deadlineMinutes(tier: Tier): Promise<number> {
    const row = await this.ctx
      .knex('service_strategies')
      .where({ tier })
      .first<Row | undefined>('callback_deadline_minutes');
    return row ? num(row.callback_deadline_minutes) : 240;
  }
}

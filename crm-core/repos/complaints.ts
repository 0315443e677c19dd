import type { CrmContext, Db } from '../context.js';
import { CrmError, foreignKeyViolation, notFound, uniqueViolation } from '../errors.js';
import {
  CategoryInput,
  ComplaintCreateInput,
  ComplaintListQuery,
  ComplaintTransitionInput,
  ComplaintUpdateInput,
  parseInput,
} from '../schemas/index.js';
import { isValidTicketNumber, newTicketNumber } from '../ticket.js';
import type {
  Complaint,
  ComplaintCategory,
  ComplaintStatus,
  ComplaintWithHistory,
  Page,
} from '../types.js';
import { assertComplaintMove, OPEN_COMPLAINT_STATUSES } from '../workflow.js';
import { toComplaint, toComplaintEvent } from './mappers.js';
import { num, str, type Row } from './rows.js';

const TICKET_TRIES = 5;

/** Complaints (service requests) with their SLA, ticket number and status history. */
export class ComplaintRepository {
  constructor(
    private readonly ctx: CrmContext,
    private readonly newTicket: () => string = newTicketNumber,
  ) {}

  async categories(): Promise<ComplaintCategory[]> {
    const rows = (await this.ctx.knex('complaint_categories').orderBy('code')) as Row[];
    return rows.map((r) => ({
      code: str(r.code),
      nameZh: str(r.name_zh),
      nameEn: str(r.name_en),
      slaHours: num(r.sla_hours),
    }));
  }

  async upsertCategory(input: unknown): Promise<ComplaintCategory> {
    const c = parseInput(CategoryInput, input, 'complaint category');
    await this.ctx
      .knex('complaint_categories')
      .insert({ code: c.code, name_zh: c.nameZh, name_en: c.nameEn, sla_hours: c.slaHours })
      .onConflict('code')
      .merge();
    return c;
  }

  /**
   * Opens a complaint. Its due time is the category's SLA scaled by the customer tier's
   * `complaintSlaFactor` (a VIP with factor 0.5 gets half the time).
   */
  async create(input: unknown, actorId: number | null = null): Promise<ComplaintWithHistory> {
    const c = parseInput(ComplaintCreateInput, input, 'complaint');
    const now = this.ctx.now();
    const { rows: slaRows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `select cat.sla_hours, s.complaint_sla_factor
         from complaint_categories cat, customers cu
         join service_strategies s on s.tier = cu.tier
        where cat.code = ? and cu.id = ?`,
      [c.category, c.customerId],
    );
    const sla = slaRows[0];
    if (!sla) {
      const known = await this.ctx
        .knex('customers')
        .where({ id: c.customerId })
        .first<Row | undefined>('id');
      if (!known) throw notFound('customer', c.customerId);
      throw new CrmError('invalid_input', `category: unknown category ${c.category}`, [
        { path: 'category', message: 'unknown category' },
      ]);
    }
    const hours = num(sla.sla_hours) * num(sla.complaint_sla_factor);
    const dueAt = new Date(now.getTime() + hours * 3600 * 1000);

    for (let attempt = 1; ; attempt++) {
      const ticket = this.newTicket();
      try {
        const id = await this.ctx.knex.transaction(async (trx) => {
          const [row] = await trx('complaints')
            .insert({
              ticket_number: ticket,
              customer_id: c.customerId,
              interaction_id: c.interactionId ?? null,
              category: c.category,
              severity: c.severity,
              status: 'open',
              subject: c.subject,
              description: c.description,
              assignee_id: c.assigneeId ?? null,
              due_at: dueAt,
              created_by: actorId,
              created_at: now,
              updated_at: now,
            })
            .returning<Row[]>('id');
          const complaintId = num(row!.id);
          await trx('complaint_events').insert({
            complaint_id: complaintId,
            from_status: null,
            to_status: 'open',
            actor_id: actorId,
            at: now,
          });
          return complaintId;
        });
        return this.get(id);
      } catch (err) {
        // A ticket number already in use: draw another (rare: 9 million numbers).
        if (uniqueViolation(err) === 'complaints_ticket_number_key' && attempt < TICKET_TRIES) {
          continue;
        }
        if (foreignKeyViolation(err) !== null) {
          throw new CrmError('invalid_input', 'assigneeId or interactionId does not exist', [
            { path: 'assigneeId', message: 'must be an existing user' },
            { path: 'interactionId', message: 'must be an existing interaction' },
          ]);
        }
        throw err;
      }
    }
  }

  async get(id: number, db: Db = this.ctx.knex): Promise<ComplaintWithHistory> {
    const row = await db('complaints').where({ id }).first<Row | undefined>();
    if (!row) throw notFound('complaint', id);
    return this.withHistory(toComplaint(row), db);
  }

  /** By the number a caller reads out; null for an unknown or mistyped (bad check digit) ticket. */
  async getByTicket(ticket: string): Promise<ComplaintWithHistory | null> {
    if (!isValidTicketNumber(ticket)) return null;
    const row = await this.ctx
      .knex('complaints')
      .where({ ticket_number: ticket })
      .first<Row | undefined>();
    return row ? this.withHistory(toComplaint(row), this.ctx.knex) : null;
  }

  async list(query: unknown = {}): Promise<Page<Complaint>> {
    const q = parseInput(ComplaintListQuery, query, 'complaint filter');
    const b = this.ctx
      .knex('complaints')
      .select('*')
      .orderBy('id', 'desc')
      .limit(q.limit + 1);
    if (q.status) b.whereIn('status', q.status);
    if (q.customerId) b.where('customer_id', q.customerId);
    if (q.assigneeId) b.where('assignee_id', q.assigneeId);
    if (q.overdue === true) {
      b.whereIn('status', OPEN_COMPLAINT_STATUSES).where('due_at', '<', this.ctx.now());
    } else if (q.overdue === false) {
      b.where((w) => {
        w.whereNotIn('status', OPEN_COMPLAINT_STATUSES).orWhere('due_at', '>=', this.ctx.now());
      });
    }
    if (q.cursor) b.where('id', '<', q.cursor);
    const rows = (await b) as Row[];
    const items = rows.slice(0, q.limit).map(toComplaint);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
  }

  async update(id: number, input: unknown): Promise<ComplaintWithHistory> {
    const u = parseInput(ComplaintUpdateInput, input, 'complaint update');
    const patch: Record<string, unknown> = { updated_at: this.ctx.now() };
    if (u.severity !== undefined) patch.severity = u.severity;
    if (u.assigneeId !== undefined) patch.assignee_id = u.assigneeId;
    if (u.subject !== undefined) patch.subject = u.subject;
    if (u.description !== undefined) patch.description = u.description;
    try {
      const n = await this.ctx.knex('complaints').where({ id }).update(patch);
      if (n === 0) throw notFound('complaint', id);
    } catch (err) {
      if (foreignKeyViolation(err) !== null) {
        throw new CrmError('invalid_input', 'assigneeId: no such user', [
          { path: 'assigneeId', message: 'must be an existing user' },
        ]);
      }
      throw err;
    }
    return this.get(id);
  }

  /**
   * Moves a complaint along its workflow. The row is locked for the check and the write, so
   * two agents pressing "resolve" at once give one resolution and one illegal_transition.
   */
  async transition(
    id: number,
    input: unknown,
    actorId: number | null = null,
  ): Promise<ComplaintWithHistory> {
    const t = parseInput(ComplaintTransitionInput, input, 'transition');
    if (t.to === 'resolved' && !t.resolution) {
      throw new CrmError('invalid_input', 'resolution: required to resolve a complaint', [
        { path: 'resolution', message: 'required when to is resolved' },
      ]);
    }
    if (t.satisfaction !== undefined && t.to !== 'resolved' && t.to !== 'closed') {
      throw new CrmError('invalid_input', 'satisfaction: only when resolving or closing', [
        { path: 'satisfaction', message: 'only with to resolved or closed' },
      ]);
    }
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const row = await trx('complaints')
        .where({ id })
        .forUpdate()
        .first<Row | undefined>('status');
      if (!row) throw notFound('complaint', id);
      const from = str(row.status) as ComplaintStatus;
      assertComplaintMove(from, t.to);
      const patch: Record<string, unknown> = { status: t.to, updated_at: now };
      if (t.to === 'resolved') {
        patch.resolution = t.resolution;
        patch.resolved_at = now;
      }
      if (t.to === 'closed') patch.closed_at = now;
      if (t.to === 'open') {
        patch.resolved_at = null;
        patch.closed_at = null;
      }
      if (t.satisfaction !== undefined) patch.satisfaction = t.satisfaction;
      await trx('complaints').where({ id }).update(patch);
      await trx('complaint_events').insert({
        complaint_id: id,
        from_status: from,
        to_status: t.to,
        actor_id: actorId,
        note: t.note ?? null,
        at: now,
      });
      return this.get(id, trx);
    });
  }

  /** One level up (a supervisor's attention, then a manager's); answers the new level. */
  async escalate(id: number): Promise<ComplaintWithHistory> {
    const n = await this.ctx
      .knex('complaints')
      .where({ id })
      .whereIn('status', OPEN_COMPLAINT_STATUSES)
      .update({
        escalation_level: this.ctx.knex.raw('escalation_level + 1'),
        updated_at: this.ctx.now(),
      });
    if (n === 0) {
      const c = await this.get(id);
      throw new CrmError('illegal_transition', `a ${c.status} complaint cannot be escalated`, {
        from: c.status,
        allowed: [],
      });
    }
    return this.get(id);
  }

  /** Open complaints past their due time, oldest first (for the SLA timer). */
  async listOverdue(limit = 100): Promise<Complaint[]> {
    const rows = (await this.ctx
      .knex('complaints')
      .whereIn('status', OPEN_COMPLAINT_STATUSES)
      .where('due_at', '<', this.ctx.now())
      .orderBy('due_at')
      .limit(limit)) as Row[];
    return rows.map(toComplaint);
  }

  /** Open complaints by id, a page at a time (the SLA timers are armed again from these). */
  async listOpen(limit = 500, afterId = 0): Promise<Complaint[]> {
    const rows = (await this.ctx
      .knex('complaints')
      .whereIn('status', OPEN_COMPLAINT_STATUSES)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)) as Row[];
    return rows.map(toComplaint);
  }

  /**
   * The SLA timer's 80 % mark: set once while the complaint is open and still has this due
   * time, with a history entry. null when it was already set, or the complaint moved on.
   */
  markSlaWarning(id: number, dueAt: Date, note: string): Promise<ComplaintWithHistory | null> {
    return this.markSla(id, dueAt, 'sla_warned_at', note, false);
  }

  /** The due time passed while open: escalated one level and flagged, once, with history. */
  markSlaBreached(id: number, dueAt: Date, note: string): Promise<ComplaintWithHistory | null> {
    return this.markSla(id, dueAt, 'sla_breached_at', note, true);
  }

  private async markSla(
    id: number,
    dueAt: Date,
    column: 'sla_warned_at' | 'sla_breached_at',
    note: string,
    escalate: boolean,
  ): Promise<ComplaintWithHistory | null> {
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const patch: Record<string, unknown> = { [column]: now, updated_at: now };
      if (escalate) patch.escalation_level = trx.raw('escalation_level + 1');
      const rows = await trx('complaints')
        .where({ id })
        .whereIn('status', OPEN_COMPLAINT_STATUSES)
        .whereNull(column)
        .whereRaw(`date_trunc('milliseconds', due_at) = ?`, [dueAt])
        .update(patch)
        .returning<Row[]>('status');
      const row = rows[0];
      if (!row) return null;
      const status = str(row.status) as ComplaintStatus;
      await trx('complaint_events').insert({
        complaint_id: id,
        from_status: status,
        to_status: status,
        actor_id: null,
        note,
        at: now,
      });
      return this.get(id, trx);
    });
  }

  private async withHistory(c: Complaint, db: Db): Promise<ComplaintWithHistory> {
    const events = (await db('complaint_events')
      .where({ complaint_id: c.id })
      .orderBy('id')) as Row[];
    return { ...c, history: events.map(toComplaintEvent) };
  }
}

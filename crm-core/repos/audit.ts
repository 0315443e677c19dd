import type { CrmContext } from '../context.js';
import { AuditListQuery, AuditRecordInput, parseInput } from '../schemas/index.js';
import type { AuditEntry, Page } from '../types.js';
import { toAudit } from './mappers.js';
import type { Row } from './rows.js';

/** Who changed or looked at what. Entries are only ever added. */
export class AuditRepository {
  constructor(private readonly ctx: CrmContext) {}

  async record(input: AuditRecordInput): Promise<void> {
    const e = parseInput(AuditRecordInput, input, 'audit entry');
    await this.ctx.knex('audit_log').insert({
      at: this.ctx.now(),
      actor_id: e.actorId ?? null,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null || e.entityId === undefined ? null : String(e.entityId),
      details: JSON.stringify(e.details),
    });
  }

  async list(query: unknown = {}): Promise<Page<AuditEntry>> {
    const q = parseInput(AuditListQuery, query, 'audit filter');
    const b = this.ctx
      .knex('audit_log')
      .select('*')
      .orderBy('id', 'desc')
      .limit(q.limit + 1);
    if (q.entity) b.where('entity', q.entity);
    if (q.entityId) b.where('entity_id', q.entityId);
    if (q.actorId) b.where('actor_id', q.actorId);
    if (q.action) b.where('action', q.action);
    if (q.from) b.where('at', '>=', q.from);
    if (q.to) b.where('at', '<', q.to);
    if (q.cursor) b.where('id', '<', q.cursor);
    const rows = (await b) as Row[];
    const items = rows.slice(0, q.limit).map(toAudit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
  }
}

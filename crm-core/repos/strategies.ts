import type { CrmContext, Db } from '../context.js';
import { notFound } from '../errors.js';
import { StrategyUpdateInput, Tier, parseInput } from '../schemas/index.js';
import type { ServiceStrategy, Tier as TierName } from '../types.js';
import { toStrategy } from './mappers.js';
import type { Row } from './rows.js';

/** How each customer tier is served. One row per tier, created by the migrations. */
export class StrategyRepository {
  constructor(private readonly ctx: CrmContext) {}

  async list(): Promise<ServiceStrategy[]> {
    const rows = (await this.ctx.knex('service_strategies').select('*')) as Row[];
    const order: TierName[] = ['standard', 'gold', 'vip'];
    return rows.map(toStrategy).sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier));
  }

  async get(tier: TierName, db: Db = this.ctx.knex): Promise<ServiceStrategy> {
    const row = await db('service_strategies').where({ tier }).first<Row | undefined>();
    if (!row) throw notFound('service strategy', tier);
    return toStrategy(row);
  }

  async update(tier: unknown, input: unknown, actorId: number | null = null) {
    const t = parseInput(Tier, tier, 'tier');
    const u = parseInput(StrategyUpdateInput, input, 'service strategy');
    const patch: Record<string, unknown> = { updated_at: this.ctx.now(), updated_by: actorId };
    if (u.queuePriority !== undefined) patch.queue_priority = u.queuePriority;
    if (u.dedicatedGroup !== undefined) patch.dedicated_group = u.dedicatedGroup || null;
    if (u.complaintSlaFactor !== undefined) patch.complaint_sla_factor = u.complaintSlaFactor;
    if (u.callbackDeadlineMinutes !== undefined) {
      patch.callback_deadline_minutes = u.callbackDeadlineMinutes;
    }
    if (u.recordingOptOut !== undefined) patch.recording_opt_out = u.recordingOptOut;
    const rows = await this.ctx
      .knex('service_strategies')
      .where({ tier: t })
      .update(patch)
      .returning<Row[]>('*');
    if (!rows[0]) throw notFound('service strategy', t);
    return toStrategy(rows[0]);
  }
}

import type { CrmContext } from '../context.js';
import { CrmError, notFound } from '../errors.js';
import type { MergeResult, Tier } from '../types.js';
import { loadCustomers } from './customer-load.js';
import type { Row } from './rows.js';

const TIER_RANK: Record<Tier, number> = { standard: 0, gold: 1, vip: 2 };

/**
 * Folds `sourceId` into `targetId` in one transaction: every interaction, complaint, callback,
 * phone and account of the source moves to the target, the target keeps the better tier and
 * the VIP flag if either had it, and the source id is remembered as merged.
 */
export async function mergeCustomers(
  ctx: CrmContext,
  targetId: number,
  sourceId: number,
  actorId: number | null,
): Promise<MergeResult> {
  if (targetId === sourceId) {
    throw new CrmError('invalid_input', 'a customer cannot be merged into itself', [
      { path: 'sourceId', message: 'must differ from the target' },
    ]);
  }
  const now = ctx.now();
  return ctx.knex.transaction(async (trx) => {
    // Lock both rows in id order so that two merges of the same pair cannot deadlock.
    const locked = await trx('customers')
      .whereIn('id', [targetId, sourceId])
      .orderBy('id')
      .forUpdate()
      .select<Row[]>('id', 'tier', 'vip', 'notes', 'preferred_agent_id');
    const target = locked.find((r) => Number(r.id) === targetId);
    const source = locked.find((r) => Number(r.id) === sourceId);
    if (!target) throw notFound('customer', targetId);
    if (!source) throw notFound('customer', sourceId);

    const move = async (table: string) =>
      trx(table).where({ customer_id: sourceId }).update({ customer_id: targetId });
    const moved = {
      interactions: await move('interactions'),
      complaints: await move('complaints'),
      callbacks: await move('callbacks'),
      phones: await move('customer_phones'),
      accounts: await move('accounts'),
    };

    const tier = [target.tier, source.tier].sort(
      (a, b) => TIER_RANK[b as Tier] - TIER_RANK[a as Tier],
    )[0];
    const notes = [target.notes, source.notes]
      .map((n) => (typeof n === 'string' ? n.trim() : ''))
      .filter(Boolean)
      .join('\n---\n');
    await trx('customers')
      .where({ id: targetId })
      .update({
        tier,
        vip: Boolean(target.vip) || Boolean(source.vip),
        notes,
        preferred_agent_id: target.preferred_agent_id ?? source.preferred_agent_id ?? null,
        updated_at: now,
      });
    // Ids merged into the source earlier now lead to the target.
    await trx('customer_merges').where({ into_id: sourceId }).update({ into_id: targetId });
    await trx('customer_merges').insert({
      from_id: sourceId,
      into_id: targetId,
      merged_at: now,
      merged_by: actorId,
    });
    await trx('customers').where({ id: sourceId }).delete();
    const [customer] = await loadCustomers(trx, [targetId]);
    return { customer: customer!, moved };
  });
}

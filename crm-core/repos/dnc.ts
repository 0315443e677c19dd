import type { DncEntry, DncSource } from '../campaign-types.js';
import type { CrmContext } from '../context.js';
import { notFound } from '../errors.js';
import { DncListQuery, parseInput } from '../schemas/index.js';
import type { Page } from '../types.js';
import { toDncEntry } from './campaign-mappers.js';
import { pageOf } from './page.js';
import type { Row } from './rows.js';

const BATCH = 1000;

export interface DncAddOptions {
  source: DncSource;
  reason?: string;
  campaignId?: number | null;
  actorId?: number | null;
}

/**
 * The do-not-call list, shared by every campaign. Numbers are E.164 (normalised by the caller).
 * Listing a number also closes the not-yet-dialed contacts that carry it, in every campaign;
 * the dialer checks the list again at dial time, so a number listed mid-run is never dialed.
 */
export class DncRepository {
  constructor(private readonly ctx: CrmContext) {}

  async add(
    phones: readonly string[],
    opts: DncAddOptions,
  ): Promise<{ added: number; alreadyListed: number }> {
    const now = this.ctx.now();
    let added = 0;
    await this.ctx.knex.transaction(async (trx) => {
      for (let i = 0; i < phones.length; i += BATCH) {
        const chunk = phones.slice(i, i + BATCH);
        const rows = await trx('dnc_numbers')
          .insert(
            chunk.map((phone) => ({
              phone,
              source: opts.source,
              reason: opts.reason ?? '',
              campaign_id: opts.campaignId ?? null,
              added_by: opts.actorId ?? null,
              created_at: now,
            })),
          )
          .onConflict('phone')
          .ignore()
          .returning<Row[]>('phone');
        added += rows.length;
        await trx('campaign_contacts')
          .whereIn('phone', chunk)
          .whereIn('status', ['pending', 'retry'])
          .update({ status: 'dnc', next_attempt_at: null, updated_at: now });
      }
    });
    return { added, alreadyListed: phones.length - added };
  }

  async remove(phone: string): Promise<void> {
    const n = await this.ctx.knex('dnc_numbers').where({ phone }).del();
    if (n === 0) throw notFound('do-not-call number', phone);
  }

  async has(phone: string): Promise<boolean> {
    return Boolean(await this.ctx.knex('dnc_numbers').where({ phone }).first('phone'));
  }

  /** The listed numbers among `phones`: an import checks its whole file in one query. */
  async listed(phones: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < phones.length; i += BATCH) {
      const rows = await this.ctx
        .knex('dnc_numbers')
        .whereIn('phone', phones.slice(i, i + BATCH))
        .select<Row[]>('phone');
      for (const r of rows) out.add(String(r.phone));
    }
    return out;
  }

  async list(query: unknown = {}): Promise<Page<DncEntry>> {
    const q = parseInput(DncListQuery, query, 'DNC filter');
    const b = this.ctx
      .knex('dnc_numbers')
      .orderBy('phone')
      .limit(q.limit + 1);
    if (q.prefix) b.where('phone', 'like', `${q.prefix.startsWith('+') ? '' : '+'}${q.prefix}%`);
    if (q.after) b.where('phone', '>', q.after);
    return pageOf((await b) as Row[], q.limit, toDncEntry, (c) => c.phone);
  }
}

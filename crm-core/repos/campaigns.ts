import type { CampaignDefinition, CampaignRecord, CampaignState } from '../campaign-types.js';
import type { CrmContext } from '../context.js';
import { CrmError, notFound } from '../errors.js';
import { CampaignListQuery, parseInput } from '../schemas/index.js';
import type { Page } from '../types.js';
import { campaignColumns, toCampaign } from './campaign-mappers.js';
import { pageOf } from './page.js';
import { str, type Row } from './rows.js';

/**
 * Campaign definitions and their state. Which moves are legal is outbound's rule; the repository
 * makes each move atomic: it happens only if the campaign is still in a state the caller said
 * it may leave, so two supervisors pressing start and stop at once cannot both win.
 */
export class CampaignRepository {
  constructor(private readonly ctx: CrmContext) {}

  async create(def: CampaignDefinition, actorId: number | null = null): Promise<CampaignRecord> {
    const now = this.ctx.now();
    const [row] = await this.ctx
      .knex('campaigns')
      .insert({
        ...campaignColumns(def),
        state: 'draft',
        created_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .returning<Row[]>('*');
    return toCampaign(row!);
  }

  async get(id: number): Promise<CampaignRecord> {
    const row = await this.ctx.knex('campaigns').where({ id }).first<Row | undefined>();
    if (!row) throw notFound('campaign', id);
    return toCampaign(row);
  }

  async list(query: unknown = {}): Promise<Page<CampaignRecord>> {
    const q = parseInput(CampaignListQuery, query, 'campaign filter');
    const b = this.ctx
      .knex('campaigns')
      .select('*')
      .orderBy('id', 'desc')
      .limit(q.limit + 1);
    if (q.state) b.whereIn('state', q.state);
    if (q.cursor) b.where('id', '<', q.cursor);
    return pageOf((await b) as Row[], q.limit, toCampaign, (c) => String(c.id));
  }

  /** Ids of the campaigns that dial now. */
  async runningIds(): Promise<number[]> {
    const rows = await this.ctx
      .knex('campaigns')
      .where({ state: 'running' })
      .orderBy('id')
      .select<Row[]>('id');
    return rows.map((r) => Number(r.id));
  }

  /** Replaces the definition, only while the campaign is in one of `editableIn`. */
  async update(
    id: number,
    def: CampaignDefinition,
    editableIn: readonly CampaignState[],
  ): Promise<CampaignRecord> {
    const rows = await this.ctx
      .knex('campaigns')
      .where({ id })
      .whereIn('state', editableIn)
      .update({ ...campaignColumns(def), updated_at: this.ctx.now() })
      .returning<Row[]>('*');
    if (rows[0]) return toCampaign(rows[0]);
    const current = await this.get(id);
    throw new CrmError('illegal_transition', `a ${current.state} campaign cannot be edited`, {
      state: current.state,
    });
  }

  /** Moves the campaign to `to` if it is in one of `from`; otherwise illegal_transition. */
  async move(
    id: number,
    from: readonly CampaignState[],
    to: CampaignState,
  ): Promise<CampaignRecord> {
    const now = this.ctx.now();
    const patch: Row = { state: to, updated_at: now };
    if (to === 'stopped') patch.stopped_at = now;
    const rows = await this.ctx
      .knex('campaigns')
      .where({ id })
      .whereIn('state', from)
      .update({
        ...patch,
        ...(to === 'running'
          ? { started_at: this.ctx.knex.raw('coalesce(started_at, ?)', [now]) }
          : {}),
      })
      .returning<Row[]>('*');
    if (rows[0]) return toCampaign(rows[0]);
    const row = await this.ctx.knex('campaigns').where({ id }).first<Row | undefined>('state');
    if (!row) throw notFound('campaign', id);
    const state = str(row.state);
    throw new CrmError('illegal_transition', `a ${state} campaign cannot become ${to}`, {
      from: state,
      to,
    });
  }

  async remove(id: number, removableIn: readonly CampaignState[]): Promise<void> {
    const n = await this.ctx.knex('campaigns').where({ id }).whereIn('state', removableIn).del();
    if (n === 0) {
      const current = await this.get(id);
      throw new CrmError('illegal_transition', `a ${current.state} campaign cannot be deleted`, {
        state: current.state,
      });
    }
  }
}

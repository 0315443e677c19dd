import type {
  CampaignContactRecord,
  CampaignContactStatus,
  ContactImportSummary,
  NewCampaignContact,
} from '../campaign-types.js';
import type { CrmContext } from '../context.js';
import { notFound } from '../errors.js';
import { CampaignContactListQuery, parseInput } from '../schemas/index.js';
import type { Page } from '../types.js';
import { toCampaignContact } from './campaign-mappers.js';
import { pageOf } from './page.js';
import { num, type Row } from './rows.js';

const BATCH = 500;
const DIALABLE: readonly CampaignContactStatus[] = ['pending', 'retry'];

/**
 * A campaign's contact list. One row per (campaign, E.164 number): importing a number the
 * campaign already has merges into that row (empty fields filled, new data keys added; the
 * status and attempts are kept, so a re-import never redials someone who was reached).
 */
export class CampaignContactRepository {
  constructor(private readonly ctx: CrmContext) {}

  async import(
    campaignId: number,
    contacts: readonly NewCampaignContact[],
  ): Promise<ContactImportSummary> {
    const now = this.ctx.now();
    let inserted = 0;
    let merged = 0;
    await this.ctx.knex.transaction(async (trx) => {
      const exists = await trx('campaigns')
        .where({ id: campaignId })
        .forShare()
        .first<Row | undefined>('id');
      if (!exists) throw notFound('campaign', campaignId);
      for (let i = 0; i < contacts.length; i += BATCH) {
        const rows = contacts.slice(i, i + BATCH).map((c) => ({
          campaign_id: campaignId,
          phone: c.phone,
          name: c.name ?? '',
          timezone: c.timezone,
          account: c.account ?? '',
          data: JSON.stringify(c.data),
          source_line: c.line,
          created_at: now,
          updated_at: now,
        }));
        // xmax = 0 only on a row this statement inserted (PostgreSQL's system column).
        const { rows: out } = await trx.raw<{ rows: Row[] }>(
          `? on conflict (campaign_id, phone) do update set
             name = case when campaign_contacts.name = '' then excluded.name else campaign_contacts.name end,
             account = case when campaign_contacts.account = '' then excluded.account else campaign_contacts.account end,
             data = excluded.data || campaign_contacts.data,
             updated_at = excluded.updated_at
           returning (xmax = 0) as inserted`,
          [trx('campaign_contacts').insert(rows)],
        );
        for (const r of out) {
          if (r.inserted === true || r.inserted === 't') inserted++;
          else merged++;
        }
      }
    });
    return { inserted, mergedIntoExisting: merged };
  }

  async get(id: number): Promise<CampaignContactRecord> {
    const row = await this.ctx.knex('campaign_contacts').where({ id }).first<Row | undefined>();
    if (!row) throw notFound('campaign contact', id);
    return toCampaignContact(row);
  }

  async list(campaignId: number, query: unknown = {}): Promise<Page<CampaignContactRecord>> {
    const q = parseInput(CampaignContactListQuery, query, 'contact filter');
    const b = this.ctx
      .knex('campaign_contacts')
      .where({ campaign_id: campaignId })
      .orderBy('id')
      .limit(q.limit + 1);
    if (q.status) b.whereIn('status', q.status);
    if (q.cursor) b.where('id', '>', q.cursor);
    return pageOf((await b) as Row[], q.limit, toCampaignContact, (c) => String(c.id));
  }

  /**
   * Contacts whose next try has come, oldest first. Numbers on the DNC list are left out here
   * already; the dialer still checks each one (DNC, calling hours) just before it dials.
   */
  async due(campaignId: number, limit: number): Promise<CampaignContactRecord[]> {
    const now = this.ctx.now();
    const rows = await this.ctx
      .knex('campaign_contacts as c')
      .where('c.campaign_id', campaignId)
      .whereIn('c.status', DIALABLE)
      .where((w) => w.whereNull('c.next_attempt_at').orWhere('c.next_attempt_at', '<=', now))
      .whereNotExists((s) => s.select(1).from('dnc_numbers as d').whereRaw('d.phone = c.phone'))
      .orderByRaw('coalesce(c.next_attempt_at, c.created_at), c.id')
      .limit(limit)
      .select<Row[]>('c.*');
    return rows.map(toCampaignContact);
  }

  /** How many contacts are due now (the pacing input's contactsAvailable). */
  async countDue(campaignId: number): Promise<number> {
    const now = this.ctx.now();
    const row = await this.ctx
      .knex('campaign_contacts as c')
      .where('c.campaign_id', campaignId)
      .whereIn('c.status', DIALABLE)
      .where((w) => w.whereNull('c.next_attempt_at').orWhere('c.next_attempt_at', '<=', now))
      .whereNotExists((s) => s.select(1).from('dnc_numbers as d').whereRaw('d.phone = c.phone'))
      .count<Row[]>({ n: '*' })
      .first();
    return num(row?.n ?? 0);
  }

  /** Not callable before `until` (outside calling hours now): out of the due list until then. */
  async defer(id: number, until: Date): Promise<void> {
    await this.ctx
      .knex('campaign_contacts')
      .where({ id })
      .whereIn('status', DIALABLE)
      .update({ next_attempt_at: until, updated_at: this.ctx.now() });
  }

  /** Closes a contact the dialer refused for good (its number went on the DNC list). */
  async close(id: number, status: 'dnc' | 'exhausted'): Promise<void> {
    await this.ctx
      .knex('campaign_contacts')
      .where({ id })
      .whereIn('status', DIALABLE)
      .update({ status, next_attempt_at: null, updated_at: this.ctx.now() });
  }
}

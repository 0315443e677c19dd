import type { Knex } from 'knex';
import type { CrmContext, Db } from '../context.js';
import { CrmError, foreignKeyViolation, notFound, uniqueViolation } from '../errors.js';
import { nameKey, nameKeyReversed, nameSkeleton } from '../names.js';
import { normalisePhone } from '../phone.js';
import { isValidTicketNumber } from '../ticket.js';
import {
  AccountNumber,
  CustomerCreateInput,
  CustomerSearchQuery,
  CustomerUpdateInput,
  parseInput,
} from '../schemas/index.js';
import type {
  CreateCustomerResult,
  Customer,
  DuplicateCandidate,
  MergeResult,
  Page,
  ScreenPop,
  TimelineItem,
} from '../types.js';
import {
  CUSTOMER_SELECT,
  loadCustomers,
  mapCustomerRow,
  normalisePhones,
  type NormalisedPhone,
} from './customer-load.js';
import { findDuplicates } from './duplicates.js';
import { escapeLike } from './like.js';
import { mergeCustomers } from './merge.js';
import { findForScreenPop } from './screen-pop.js';
import { customerTimeline } from './timeline.js';
import type { Row } from './rows.js';

const MAX_SEARCH = 50;

export class CustomerRepository {
  constructor(private readonly ctx: CrmContext) {}

  /**
   * Creates a customer, unless it may already exist: then it answers with the candidates and
   * creates nothing. `force: true` creates it anyway when only the name is alike; a phone or an
   * account number that belongs to someone else is always refused.
   */
  async create(input: unknown, db: Db = this.ctx.knex): Promise<CreateCustomerResult> {
    const c = parseInput(CustomerCreateInput, input, 'customer');
    const phones = normalisePhones(c.phones, this.ctx.defaultRegion);
    if (!c.force) {
      const candidates = await this.findDuplicates(
        { name: c.name, phones: phones.map((p) => p.e164), accountNumber: c.accountNumber },
        db,
      );
      if (candidates.length) return { status: 'duplicates', candidates };
    }
    const now = this.ctx.now();
    const id = await this.withConstraintErrors(phones, c.accountNumber, () =>
      db.transaction(async (trx) => {
        const [row] = await trx('customers')
          .insert({
            name: c.name,
            name_key: nameKey(c.name),
            name_key_rev: nameKeyReversed(c.name),
            name_skeleton: nameSkeleton(c.name),
            language: c.language,
            tier: c.tier,
            vip: c.vip,
            preferred_agent_id: c.preferredAgentId ?? null,
            notes: c.notes,
            timezone: c.timezone,
            created_at: now,
            updated_at: now,
          })
          .returning<Row[]>('id');
        const customerId = Number(row!.id);
        await insertPhones(trx, customerId, phones, now);
        if (c.accountNumber) {
          await trx('accounts').insert({
            customer_id: customerId,
            account_number: c.accountNumber,
            created_at: now,
            updated_at: now,
          });
        }
        return customerId;
      }),
    );
    return { status: 'created', customer: await this.get(id, db) };
  }

  findDuplicates(
    probe: { name: string; phones: readonly string[]; accountNumber?: string | undefined },
    db: Db = this.ctx.knex,
  ): Promise<DuplicateCandidate[]> {
    return findDuplicates(db, probe);
  }

  /** The customer; a merged-away id answers not_found with `details.mergedInto`. */
  async get(id: number, db: Db = this.ctx.knex): Promise<Customer> {
    const [customer] = await loadCustomers(db, [id]);
    if (customer) return customer;
    const merged = await db('customer_merges')
      .where({ from_id: id })
      .first<Row | undefined>('into_id');
    if (merged) {
      throw new CrmError('not_found', `customer ${id} was merged into ${String(merged.into_id)}`, {
        entity: 'customer',
        id,
        mergedInto: Number(merged.into_id),
      });
    }
    throw notFound('customer', id);
  }

  async update(id: number, input: unknown): Promise<Customer> {
    const u = parseInput(CustomerUpdateInput, input, 'customer update');
    const phones = u.phones ? normalisePhones(u.phones, this.ctx.defaultRegion) : undefined;
    const now = this.ctx.now();
    const patch: Record<string, unknown> = { updated_at: now };
    if (u.name !== undefined) {
      patch.name = u.name;
      patch.name_key = nameKey(u.name);
      patch.name_key_rev = nameKeyReversed(u.name);
      patch.name_skeleton = nameSkeleton(u.name);
    }
    if (u.language !== undefined) patch.language = u.language;
    if (u.tier !== undefined) patch.tier = u.tier;
    if (u.vip !== undefined) patch.vip = u.vip;
    if (u.preferredAgentId !== undefined) patch.preferred_agent_id = u.preferredAgentId;
    if (u.notes !== undefined) patch.notes = u.notes;
    if (u.timezone !== undefined) patch.timezone = u.timezone;
    await this.withConstraintErrors(
      phones ?? [],
      undefined,
      () =>
        this.ctx.knex.transaction(async (trx) => {
          const n = await trx('customers').where({ id }).update(patch);
          if (n === 0) throw notFound('customer', id);
          if (phones) {
            const keep = phones.map((p) => p.e164);
            const del = trx('customer_phones').where({ customer_id: id });
            if (keep.length) del.whereNotIn('e164', keep);
            await del.delete();
            for (const p of phones) {
              await trx('customer_phones')
                .insert({ customer_id: id, e164: p.e164, label: p.label, created_at: now })
                .onConflict('e164')
                .merge(['label'])
                // Only our own row may be relabelled; someone else's number stays a conflict.
                .where('customer_phones.customer_id', id);
            }
            const owned = await trx('customer_phones')
              .whereIn('e164', keep)
              .andWhere({ customer_id: id })
              .count({ n: '*' })
              .first<Row>();
            if (Number(owned.n) !== keep.length) {
              throw Object.assign(new Error('phone owned by another customer'), {
                code: '23505',
                constraint: 'customer_phones_e164_key',
              });
            }
          }
        }),
      id,
    );
    return this.get(id);
  }

  /**
   * Search by phone (any common format), account number or the start of a name; `q` tries a
   * ticket number, then a phone number, then an account number, then a name.
   */
  async search(query: unknown): Promise<Customer[]> {
    const q = parseInput(CustomerSearchQuery, query, 'customer search');
    const limit = Math.min(q.limit, MAX_SEARCH);
    if (q.q) return this.searchAnything(q.q, limit);
    const where: string[] = [];
    const args: Knex.RawBinding[] = [];
    if (q.phone) {
      const e164 = normalisePhone(q.phone, this.ctx.defaultRegion);
      if (!e164) return [];
      where.push('c.id in (select customer_id from customer_phones where e164 = ?)');
      args.push(e164);
    }
    if (q.accountNumber) {
      where.push('c.id in (select customer_id from accounts where account_number = ?)');
      args.push(q.accountNumber);
    }
    if (q.name) {
      const key = nameKey(q.name);
      if (!key) return [];
      const prefix = `${escapeLike(key)}%`;
      const prefixRev = `${escapeLike(nameKeyReversed(q.name))}%`;
      where.push(`(c.name_key like ? or c.name_key_rev like ? or c.name_skeleton = ?)`);
      args.push(prefix, prefixRev, nameSkeleton(q.name));
    }
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      `${CUSTOMER_SELECT} where ${where.join(' and ')} order by c.id desc limit ${limit}`,
      args,
    );
    return rows.map(mapCustomerRow);
  }

  private async searchAnything(text: string, limit: number): Promise<Customer[]> {
    if (isValidTicketNumber(text)) {
      const row = await this.ctx
        .knex('complaints')
        .where({ ticket_number: text })
        .first<Row | undefined>('customer_id');
      if (row) return loadCustomers(this.ctx.knex, [Number(row.customer_id)]);
    }
    if (/^[\d\s()+.-]+$/.test(text) && normalisePhone(text, this.ctx.defaultRegion)) {
      const byPhone = await this.search({ phone: text, limit });
      if (byPhone.length) return byPhone;
    }
    if (AccountNumber.safeParse(text).success) {
      const byAccount = await this.search({ accountNumber: text, limit });
      if (byAccount.length) return byAccount;
    }
    return this.search({ name: text, limit });
  }

  /** Caller, phones, accounts, last 5 interactions, open complaints, live callbacks. */
  findForScreenPop(phoneInAnyFormat: string): Promise<ScreenPop | null> {
    return findForScreenPop(this.ctx, phoneInAnyFormat);
  }

  /** Moves all of `sourceId`'s history to `targetId` and removes `sourceId`, atomically. */
  merge(targetId: number, sourceId: number, actorId: number | null = null): Promise<MergeResult> {
    return mergeCustomers(this.ctx, targetId, sourceId, actorId);
  }

  /** Interactions, complaints and callbacks, newest first, a page at a time. */
  async timeline(customerId: number, query: unknown = {}): Promise<Page<TimelineItem>> {
    await this.get(customerId);
    return customerTimeline(this.ctx, customerId, query);
  }

  async exists(id: number, db: Db = this.ctx.knex): Promise<boolean> {
    const row = await db('customers').where({ id }).first<Row | undefined>('id');
    return Boolean(row);
  }

  async count(): Promise<number> {
    const row = await this.ctx.knex('customers').count({ n: '*' }).first<Row>();
    return Number(row.n);
  }

  /** Turns unique and foreign-key violations into errors that name the field at fault. */
  private async withConstraintErrors<T>(
    phones: readonly NormalisedPhone[],
    accountNumber: string | undefined,
    run: () => Promise<T>,
    selfId?: number,
  ): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const unique = uniqueViolation(err);
      if (unique === 'customer_phones_e164_key') {
        const owners = await this.ctx
          .knex('customer_phones')
          .whereIn(
            'e164',
            phones.map((p) => p.e164),
          )
          .select<Row[]>('e164', 'customer_id');
        throw new CrmError('phone_taken', 'a phone number belongs to another customer', {
          phones: owners
            .filter((o) => Number(o.customer_id) !== selfId)
            .map((o) => ({ e164: o.e164, customerId: Number(o.customer_id) })),
        });
      }
      if (unique === 'accounts_account_number_key') {
        throw new CrmError(
          'account_taken',
          `account ${accountNumber} belongs to another customer`,
          {
            accountNumber,
          },
        );
      }
      if (foreignKeyViolation(err) !== null) {
        throw new CrmError('invalid_input', 'preferredAgentId: no such user', [
          { path: 'preferredAgentId', message: 'no such user' },
        ]);
      }
      throw err;
    }
  }
}

async function insertPhones(
  trx: Db,
  customerId: number,
  phones: readonly NormalisedPhone[],
  now: Date,
): Promise<void> {
  if (!phones.length) return;
  await trx('customer_phones').insert(
    phones.map((p) => ({ customer_id: customerId, e164: p.e164, label: p.label, created_at: now })),
  );
}

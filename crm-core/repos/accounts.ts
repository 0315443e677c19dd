import type { CrmContext } from '../context.js';
import { CrmError, foreignKeyViolation, notFound, uniqueViolation } from '../errors.js';
import { normalisePhone } from '../phone.js';
import {
  AccountCreateInput,
  AccountNumber,
  AccountUpdateInput,
  PaymentInput,
  parseInput,
} from '../schemas/index.js';
import type { Account } from '../types.js';
import { ACCOUNT_COLUMNS, toAccount } from './mappers.js';
import type { Row } from './rows.js';

/** Accounts for IVR self-service. Money is NUMERIC in the database and a string here. */
export class AccountRepository {
  constructor(private readonly ctx: CrmContext) {}

  async create(customerId: number, input: unknown): Promise<Account> {
    const a = parseInput(AccountCreateInput, input, 'account');
    const now = this.ctx.now();
    try {
      const rows = await this.ctx
        .knex('accounts')
        .insert({
          customer_id: customerId,
          account_number: a.accountNumber,
          balance: a.balance,
          currency: a.currency,
          due_date: a.dueDate ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning<Row[]>('id');
      return this.getById(Number(rows[0]!.id));
    } catch (err) {
      if (uniqueViolation(err) !== null) {
        throw new CrmError('account_taken', `account ${a.accountNumber} already exists`, {
          accountNumber: a.accountNumber,
        });
      }
      if (foreignKeyViolation(err) !== null) throw notFound('customer', customerId);
      throw err;
    }
  }

  async getById(id: number): Promise<Account> {
    const row = await this.ctx
      .knex('accounts')
      .select(this.ctx.knex.raw(ACCOUNT_COLUMNS))
      .where({ id })
      .first<Row | undefined>();
    if (!row) throw notFound('account', id);
    return toAccount(row);
  }

  async findByNumber(accountNumber: string): Promise<Account | null> {
    const n = AccountNumber.safeParse(accountNumber);
    if (!n.success) return null;
    const row = await this.ctx
      .knex('accounts')
      .select(this.ctx.knex.raw(ACCOUNT_COLUMNS))
      .where({ account_number: n.data })
      .first<Row | undefined>();
    return row ? toAccount(row) : null;
  }

  async listForCustomer(customerId: number): Promise<Account[]> {
    const rows = (await this.ctx
      .knex('accounts')
      .select(this.ctx.knex.raw(ACCOUNT_COLUMNS))
      .where({ customer_id: customerId })
      .orderBy('id')) as Row[];
    return rows.map(toAccount);
  }

  /** The accounts of whoever owns this phone number (IVR "your balance is ..."). */
  async findByPhone(phone: string): Promise<Account[]> {
    const e164 = normalisePhone(phone, this.ctx.defaultRegion);
    if (!e164) return [];
    const rows = (await this.ctx
      .knex('accounts')
      .select(this.ctx.knex.raw(ACCOUNT_COLUMNS))
      .whereIn(
        'customer_id',
        (q) => void q.from('customer_phones').select('customer_id').where({ e164 }),
      )
      .orderBy('id')) as Row[];
    return rows.map(toAccount);
  }

  async update(accountNumber: string, input: unknown): Promise<Account> {
    const u = parseInput(AccountUpdateInput, input, 'account update');
    const patch: Record<string, unknown> = { updated_at: this.ctx.now() };
    if (u.balance !== undefined) patch.balance = u.balance;
    if (u.currency !== undefined) patch.currency = u.currency;
    if (u.dueDate !== undefined) patch.due_date = u.dueDate;
    const rows = await this.ctx
      .knex('accounts')
      .where({ account_number: accountNumber })
      .update(patch)
      .returning<Row[]>('id');
    if (!rows[0]) throw notFound('account', accountNumber);
    return this.getById(Number(rows[0].id));
  }

  /** Takes a payment off the balance in the database, so no rounding happens in JavaScript. */
  async recordPayment(accountNumber: string, input: unknown): Promise<Account> {
    const p = parseInput(PaymentInput, input, 'payment');
    const at = p.at ?? this.ctx.now();
    const rows = await this.ctx
      .knex('accounts')
      .where({ account_number: accountNumber })
      .update({
        balance: this.ctx.knex.raw('balance - ?::numeric', [p.amount]),
        last_payment_amount: p.amount,
        last_payment_at: at,
        updated_at: this.ctx.now(),
      })
      .returning<Row[]>('id');
    if (!rows[0]) throw notFound('account', accountNumber);
    return this.getById(Number(rows[0].id));
  }
}

import type { Db } from '../context.js';
import { CrmError } from '../errors.js';
import { normalisePhone, type CountryCode } from '../phone.js';
import type { Customer, Phone } from '../types.js';
import { toCustomer } from './mappers.js';
import { strOrNull, type Row } from './rows.js';

/** The customer columns plus phones and the first account number, in one query. */
export const CUSTOMER_SELECT = `
  select c.*,
         coalesce((select json_agg(json_build_object('e164', p.e164, 'label', p.label) order by p.id)
                   from customer_phones p where p.customer_id = c.id), '[]') as phones,
         (select a.account_number from accounts a where a.customer_id = c.id
           order by a.id limit 1) as account_number
    from customers c`;

export function mapCustomerRow(r: Row): Customer {
  return toCustomer(r, r.phones as Phone[], strOrNull(r.account_number));
}

/** Customers by id, in the order of `ids`; missing ids are left out. */
export async function loadCustomers(db: Db, ids: readonly number[]): Promise<Customer[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.raw<{ rows: Row[] }>(
    `${CUSTOMER_SELECT} where c.id = any(?::bigint[])`,
    [[...ids]],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), mapCustomerRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface NormalisedPhone {
  e164: string;
  label: Phone['label'];
}

/** Every number in E.164, without repeats; every bad number named by its place in the list. */
export function normalisePhones(
  phones: readonly { number: string; label: Phone['label'] }[],
  region: CountryCode,
): NormalisedPhone[] {
  const bad: { path: string; message: string }[] = [];
  const out = new Map<string, NormalisedPhone>();
  phones.forEach((p, i) => {
    const e164 = normalisePhone(p.number, region);
    if (!e164) bad.push({ path: `phones.${i}.number`, message: 'not a valid phone number' });
    else if (!out.has(e164)) out.set(e164, { e164, label: p.label });
  });
  if (bad.length) {
    throw new CrmError(
      'invalid_input',
      `invalid customer: ${bad[0]!.path}: ${bad[0]!.message}`,
      bad,
    );
  }
  return [...out.values()];
}

import type { CrmContext } from '../context.js';
import { normalisePhone } from '../phone.js';
import type { ScreenPop } from '../types.js';
import { mapCustomerRow } from './customer-load.js';
import { toAccount, toCallback, toComplaint, toInteraction, toStrategy } from './mappers.js';
import type { Row } from './rows.js';

/**
 * Everything an agent's screen shows when a call arrives, in ONE round trip: each part is a
 * subquery on an index (phone number, customer id + time, partial indexes on open complaints
 * and live callbacks), so the cost does not grow with the number of customers.
 */
const SCREEN_POP_SQL = `
  select c.*,
    coalesce((select json_agg(json_build_object('e164', p.e164, 'label', p.label) order by p.id)
                from customer_phones p where p.customer_id = c.id), '[]') as phones,
    coalesce((select json_agg(json_build_object(
                'id', a.id, 'customer_id', a.customer_id, 'account_number', a.account_number,
                'balance', a.balance::text, 'currency', a.currency, 'due_date', a.due_date::text,
                'last_payment_amount', a.last_payment_amount::text,
                'last_payment_at', a.last_payment_at) order by a.id)
                from accounts a where a.customer_id = c.id), '[]') as accounts,
    (select to_json(s) from service_strategies s where s.tier = c.tier) as strategy,
    coalesce((select json_agg(i order by i.arrived_at desc, i.id desc)
                from (select * from interactions where customer_id = c.id
                       order by arrived_at desc, id desc limit 5) i), '[]') as last_interactions,
    coalesce((select json_agg(x order by x.due_at)
                from complaints x
               where x.customer_id = c.id and x.status in ('open', 'in_progress')), '[]')
      as open_complaints,
    coalesce((select json_agg(b order by b.window_start)
                from callbacks b
               where b.customer_id = c.id and b.status in ('pending', 'scheduled', 'dialing')), '[]')
      as pending_callbacks
  from customer_phones cp join customers c on c.id = cp.customer_id
  where cp.e164 = ?`;

export async function findForScreenPop(
  ctx: CrmContext,
  phoneInAnyFormat: string,
): Promise<ScreenPop | null> {
  const e164 = normalisePhone(phoneInAnyFormat, ctx.defaultRegion);
  if (!e164) return null;
  const { rows } = await ctx.knex.raw<{ rows: Row[] }>(SCREEN_POP_SQL, [e164]);
  const r = rows[0];
  if (!r) return null;
  const accounts = (r.accounts as Row[]).map(toAccount);
  const customer = mapCustomerRow({ ...r, account_number: accounts[0]?.accountNumber ?? null });
  return {
    customer,
    accounts,
    strategy: r.strategy ? toStrategy(r.strategy as Row) : null,
    lastInteractions: (r.last_interactions as Row[]).map(toInteraction),
    openComplaints: (r.open_complaints as Row[]).map(toComplaint),
    pendingCallbacks: (r.pending_callbacks as Row[]).map(toCallback),
  };
}

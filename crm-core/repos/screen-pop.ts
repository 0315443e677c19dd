import type { CrmContext } from '../context.js';
import { normalisePhone } from '../phone.js';
import type { Phone, ScreenPop } from '../types.js';
import {
  toAccount,
  toCallback,
  toComplaint,
  toCustomer,
  toInteraction,
  toStrategy,
} from './mappers.js';
import type { Row } from './rows.js';

interface PopRow {
  customer: Row;
  phones: Phone[];
  accounts: Row[];
  strategy: Row | null;
  last_interactions: Row[];
  open_complaints: Row[];
  pending_callbacks: Row[];
}

/**
 * Everything an agent's screen shows when a call arrives, in ONE round trip: the database
 * function `crm_screen_pop` (migration 0007) reads each part through an index (phone number,
 * customer id + time, partial indexes on open complaints and live callbacks), so the cost does
 * not grow with the number of customers.
 */
export async function findForScreenPop(
  ctx: CrmContext,
  phoneInAnyFormat: string,
): Promise<ScreenPop | null> {
  const e164 = normalisePhone(phoneInAnyFormat, ctx.defaultRegion);
  if (!e164) return null;
  const { rows } = await ctx.knex.raw<{ rows: { pop: PopRow | null }[] }>(
    'select crm_screen_pop(?) as pop',
    [e164],
  );
  const pop = rows[0]?.pop;
  if (!pop) return null;
  const accounts = pop.accounts.map(toAccount);
  return {
    customer: toCustomer(pop.customer, pop.phones, accounts[0]?.accountNumber ?? null),
    accounts,
    strategy: pop.strategy ? toStrategy(pop.strategy) : null,
    lastInteractions: pop.last_interactions.map(toInteraction),
    openComplaints: pop.open_complaints.map(toComplaint),
    pendingCallbacks: pop.pending_callbacks.map(toCallback),
  };
}

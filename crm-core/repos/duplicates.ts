import type { Knex } from 'knex';
import type { Db } from '../context.js';
import { nameKey, nameSimilarity, nameSkeleton } from '../names.js';
import type { DuplicateCandidate, DuplicateReason } from '../types.js';
import { loadCustomers } from './customer-load.js';
import type { Row } from './rows.js';

export interface DuplicateProbe {
  name: string;
  phones: readonly string[];
  accountNumber?: string | undefined;
}

/** Name-only matches below this similarity are not worth a person's attention. */
const NAME_THRESHOLD = 0.5;
const MAX_NAME_MATCHES = 20;
const MAX_CANDIDATES = 10;

/**
 * Customers that may be the same person: a shared phone or account number (certain), or a name
 * with the same key or skeleton (possible, scored by similarity). Found through btree indexes
 * only, so it is as fast at a million customers as at a hundred.
 */
export async function findDuplicates(db: Db, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const parts: string[] = [];
  const args: Knex.RawBinding[] = [];
  if (probe.phones.length) {
    parts.push(
      `select customer_id as id, 'phone' as reason from customer_phones where e164 = any(?::text[])`,
    );
    args.push([...probe.phones]);
  }
  if (probe.accountNumber) {
    parts.push(
      `select customer_id as id, 'account_number' as reason from accounts where account_number = ?`,
    );
    args.push(probe.accountNumber);
  }
  parts.push(
    `(select id, 'name' as reason from customers where name_key = ? or name_skeleton = ?
       order by id desc limit ${MAX_NAME_MATCHES})`,
  );
  args.push(nameKey(probe.name), nameSkeleton(probe.name));
  const { rows } = await db.raw<{ rows: Row[] }>(parts.join(' union all '), args);

  const reasons = new Map<number, Set<DuplicateReason>>();
  for (const r of rows) {
    const id = Number(r.id);
    const set = reasons.get(id) ?? new Set<DuplicateReason>();
    set.add(r.reason as DuplicateReason);
    reasons.set(id, set);
  }
  const customers = await loadCustomers(db, [...reasons.keys()]);
  const candidates: DuplicateCandidate[] = [];
  for (const c of customers) {
    const why = reasons.get(c.id)!;
    const certain = why.has('phone') || why.has('account_number');
    const similarity = nameSimilarity(probe.name, c.name);
    if (!certain && similarity < NAME_THRESHOLD) continue;
    if (certain && similarity >= NAME_THRESHOLD) why.add('name');
    candidates.push({
      customer: {
        id: c.id,
        name: c.name,
        tier: c.tier,
        vip: c.vip,
        accountNumber: c.accountNumber,
        phones: c.phones,
      },
      reasons: (['phone', 'account_number', 'name'] as const).filter((x) => why.has(x)),
      score: certain ? 1 : Math.round(similarity * 100) / 100,
    });
  }
  return candidates
    .sort((a, b) => b.score - a.score || b.reasons.length - a.reasons.length)
    .slice(0, MAX_CANDIDATES);
}

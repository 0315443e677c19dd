import type { Knex } from 'knex';
import type { Crm } from '../crm.js';
import { nameKey, nameKeyReversed, nameSkeleton } from '../names.js';
import { newTicketNumber } from '../ticket.js';
import type { ComplaintCategory, ComplaintStatus, ServiceStrategy, Tier } from '../types.js';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  FIRST_EN,
  GIVEN_ZH,
  KNOWLEDGE,
  LAST_EN,
  SURNAMES_ZH,
} from './data.js';
import { Random } from './random.js';

export { DEMO_PASSWORD };

/** The customer every demo and end-to-end test can call as. */
export const DEMO_CUSTOMER = {
  name: '李伟',
  phone: '+8613800138000',
  accountNumber: '6222020000000001',
} as const;

export interface SeedOptions {
  /** Random customers to add besides the demo customer (default 10,000). */
  customers?: number;
  /** PRNG seed: the same seed gives the same data. */
  seed?: number;
  now?: Date;
  /** Rows per INSERT. */
  batchSize?: number;
}

export interface SeedSummary {
  users: number;
  knowledge: number;
  customers: number;
  interactions: number;
  complaints: number;
  callbacks: number;
  demoCustomerId: number;
}

const DAY = 24 * 3600 * 1000;
const QUEUES = ['support', 'billing', 'complaints'] as const;
const WORKFLOW: readonly ComplaintStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
const DISPOSITIONS = ['resolved', 'information', 'follow_up', 'resolved', 'sale'] as const;

/**
 * Fills an empty (or partly filled) CRM with realistic demo data: the demo users, knowledge
 * entries, the known demo customer 李伟 and `customers` random Chinese and English customers
 * with phones, accounts, call history, complaints and callbacks, written with multi-row inserts.
 * Running it again adds no duplicate users, knowledge or demo customer.
 */
export async function seedDemo(crm: Crm, opts: SeedOptions = {}): Promise<SeedSummary> {
  const rnd = new Random(opts.seed ?? 20250303);
  const now = opts.now ?? new Date();
  const batch = opts.batchSize ?? 1000;
  const summary: SeedSummary = {
    users: 0,
    knowledge: 0,
    customers: 0,
    interactions: 0,
    complaints: 0,
    callbacks: 0,
    demoCustomerId: 0,
  };

  const agentIds: number[] = [];
  for (const u of DEMO_USERS) {
    const existing = await crm.users.findByUsername(u.username);
    const user = existing ?? (await crm.users.create({ ...u, password: DEMO_PASSWORD }));
    if (!existing) summary.users++;
    if (user.role === 'agent') agentIds.push(user.id);
  }

  const knowledgeCount = await crm
    .knex('knowledge_entries')
    .count({ n: '*' })
    .first<{ n: string }>();
  if (Number(knowledgeCount.n) === 0) {
    for (const k of KNOWLEDGE) await crm.knowledge.create(k);
    summary.knowledge = KNOWLEDGE.length;
  }

  summary.demoCustomerId = await demoCustomer(crm, agentIds, now);

  const categories = await crm.complaints.categories();
  const strategies = await crm.strategies.list();
  const start = Number((await crm.knex('customers').count({ n: '*' }).first<{ n: string }>()).n);
  const total = opts.customers ?? 10_000;
  for (let done = 0; done < total; done += batch) {
    const n = Math.min(batch, total - done);
    const added = await customerBatch(crm.knex, rnd, {
      first: start + done,
      count: n,
      now,
      agentIds,
      categories,
      strategies,
    });
    summary.customers += added.customers;
    summary.interactions += added.interactions;
    summary.complaints += added.complaints;
    summary.callbacks += added.callbacks;
  }
  return summary;
}

async function demoCustomer(crm: Crm, agentIds: number[], now: Date): Promise<number> {
  const existing = await crm.customers.search({ phone: DEMO_CUSTOMER.phone });
  if (existing[0]) return existing[0].id;
  const created = await crm.customers.create({
    name: DEMO_CUSTOMER.name,
    language: 'zh-CN',
    tier: 'vip',
    vip: true,
    phones: [{ number: DEMO_CUSTOMER.phone }],
    notes: 'Li Wei: demo VIP customer. 演示用VIP客户。',
    preferredAgentId: agentIds[3] ?? null,
    force: true,
  });
  if (created.status !== 'created') throw new Error('the demo customer could not be created');
  const id = created.customer.id;
  await crm.accounts.create(id, {
    accountNumber: DEMO_CUSTOMER.accountNumber,
    balance: '1280.50',
    currency: 'CNY',
    dueDate: new Date(now.getTime() + 12 * DAY).toISOString().slice(0, 10),
  });
  const calls = [
    { days: 20, queue: 'billing', disposition: 'information', notes: '查询本月账单明细' },
    { days: 3, queue: 'vip', disposition: 'follow_up', notes: '反映宽带晚间速度慢，已登记投诉' },
  ];
  for (const [i, c] of calls.entries()) {
    const arrived = new Date(now.getTime() - c.days * DAY);
    await crm.interactions.upsertByCallId(`demo-liwei-${i + 1}`, {
      kind: 'inbound_call',
      direction: 'inbound',
      customerId: id,
      callerNumber: DEMO_CUSTOMER.phone,
      agentId: agentIds[3] ?? null,
      queue: c.queue,
      ivrPath: ['welcome', 'vip-check', c.queue],
      arrivedAt: arrived,
      queuedAt: new Date(arrived.getTime() + 8_000),
      offeredAt: new Date(arrived.getTime() + 10_000),
      answeredAt: new Date(arrived.getTime() + 14_000),
      endedAt: new Date(arrived.getTime() + 254_000),
      waitSeconds: 6,
      talkSeconds: 240,
      wrapupSeconds: 30,
      disposition: c.disposition,
      notes: c.notes,
    });
  }
  await crm.complaints.create({
    customerId: id,
    category: 'network',
    severity: 'high',
    subject: '宽带晚间速度慢 / Slow broadband in the evening',
    description: '客户反映每晚8点后网速低于10Mbps。',
  });
  return id;
}

interface BatchContext {
  first: number;
  count: number;
  now: Date;
  agentIds: number[];
  categories: ComplaintCategory[];
  strategies: ServiceStrategy[];
}

function randomName(rnd: Random): { name: string; language: 'zh-CN' | 'en' } {
  if (rnd.chance(0.75)) {
    const given = rnd.pick(GIVEN_ZH) + (rnd.chance(0.6) ? rnd.pick(GIVEN_ZH) : '');
    return { name: rnd.pick(SURNAMES_ZH) + given, language: 'zh-CN' };
  }
  return { name: `${rnd.pick(FIRST_EN)} ${rnd.pick(LAST_EN)}`, language: 'en' };
}

function randomTier(rnd: Random): Tier {
  const x = rnd.next();
  return x < 0.05 ? 'vip' : x < 0.2 ? 'gold' : 'standard';
}

async function customerBatch(knex: Knex, rnd: Random, b: BatchContext) {
  const customers = Array.from({ length: b.count }, () => {
    const { name, language } = randomName(rnd);
    const tier = randomTier(rnd);
    const created = new Date(b.now.getTime() - rnd.int(30, 1000) * DAY);
    return {
      name,
      name_key: nameKey(name),
      name_key_rev: nameKeyReversed(name),
      name_skeleton: nameSkeleton(name),
      language,
      tier,
      vip: tier === 'vip',
      timezone: language === 'en' && rnd.chance(0.3) ? 'Europe/London' : 'Asia/Shanghai',
      created_at: created,
      updated_at: created,
    };
  });
  return knex.transaction(async (trx) => {
    const ids = (await trx('customers').insert(customers).returning('id')).map(
      (r: { id: unknown }) => Number(r.id),
    );
    const phones: Record<string, unknown>[] = [];
    const accounts: Record<string, unknown>[] = [];
    const interactions: Record<string, unknown>[] = [];
    const complaints: Record<string, unknown>[] = [];
    const callbacks: Record<string, unknown>[] = [];
    ids.forEach((id, i) => {
      const seq = b.first + i + 1;
      const c = customers[i]!;
      const phone = `+86139${String(seq).padStart(8, '0')}`;
      phones.push({ customer_id: id, e164: phone, label: 'mobile', created_at: c.created_at });
      if (rnd.chance(0.2)) {
        phones.push({
          customer_id: id,
          e164: `+86137${String(seq).padStart(8, '0')}`,
          label: 'home',
          created_at: c.created_at,
        });
      }
      accounts.push({
        customer_id: id,
        account_number: `62220${String(seq).padStart(11, '0')}`,
        balance: (rnd.int(-50_000, 500_000) / 100).toFixed(2),
        currency: 'CNY',
        due_date: new Date(b.now.getTime() + rnd.int(1, 30) * DAY).toISOString().slice(0, 10),
        created_at: c.created_at,
        updated_at: c.created_at,
      });
      const calls = rnd.int(0, 4);
      for (let k = 0; k < calls; k++) {
        const arrived = new Date(b.now.getTime() - rnd.int(60, 90 * 24 * 60) * 60_000);
        const abandoned = rnd.chance(0.08);
        const wait = rnd.int(2, abandoned ? 180 : 90);
        const talk = rnd.int(40, 600);
        interactions.push({
          call_id: `seed-${id}-${k}`,
          kind: 'inbound_call',
          direction: 'inbound',
          customer_id: id,
          caller_number: phone,
          agent_id: abandoned ? null : rnd.pick(b.agentIds),
          queue: c.tier === 'vip' ? 'vip' : rnd.pick(QUEUES),
          ivr_path: JSON.stringify(['welcome', 'main-menu']),
          arrived_at: arrived,
          queued_at: new Date(arrived.getTime() + 15_000),
          offered_at: abandoned ? null : new Date(arrived.getTime() + 15_000 + wait * 1000 - 3000),
          answered_at: abandoned ? null : new Date(arrived.getTime() + 15_000 + wait * 1000),
          ended_at: new Date(
            arrived.getTime() + 15_000 + wait * 1000 + (abandoned ? 0 : talk * 1000),
          ),
          wait_seconds: wait,
          talk_seconds: abandoned ? null : talk,
          wrapup_seconds: abandoned ? null : rnd.int(5, 90),
          disposition: abandoned ? null : rnd.pick(DISPOSITIONS),
          abandoned,
          created_at: arrived,
          updated_at: arrived,
        });
      }
      if (rnd.chance(0.05)) {
        const cat = rnd.pick(b.categories);
        const factor = b.strategies.find((s) => s.tier === c.tier)?.complaintSlaFactor ?? 1;
        const created = new Date(b.now.getTime() - rnd.int(1, 20) * DAY);
        const status = rnd.pick(WORKFLOW);
        complaints.push({
          ticket_number: newTicketNumber(),
          customer_id: id,
          category: cat.code,
          severity: rnd.pick(['low', 'medium', 'high'] as const),
          status,
          subject: c.language === 'en' ? `${cat.nameEn} issue` : `${cat.nameZh}投诉`,
          due_at: new Date(created.getTime() + cat.slaHours * factor * 3600 * 1000),
          resolution: status === 'resolved' || status === 'closed' ? 'Handled by phone' : null,
          resolved_at: status === 'resolved' || status === 'closed' ? b.now : null,
          closed_at: status === 'closed' ? b.now : null,
          created_at: created,
          updated_at: created,
        });
      }
      if (rnd.chance(0.01)) {
        callbacks.push({
          customer_id: id,
          phone,
          origin: rnd.pick(['ivr', 'abandoned', 'agent'] as const),
          window_start: b.now,
          window_end: new Date(b.now.getTime() + 4 * 3600 * 1000),
          timezone: c.timezone,
          status: 'pending',
          queue: c.tier === 'vip' ? 'vip' : 'support',
          created_at: b.now,
          updated_at: b.now,
        });
      }
    });
    await trx('customer_phones').insert(phones).onConflict('e164').ignore();
    await trx('accounts').insert(accounts).onConflict('account_number').ignore();
    if (interactions.length) {
      await trx('interactions').insert(interactions).onConflict('call_id').ignore();
    }
    let complaintCount = 0;
    if (complaints.length) {
      const made = await trx('complaints')
        .insert(complaints)
        .onConflict('ticket_number')
        .ignore()
        .returning<{ id: unknown; status: ComplaintStatus; created_at: Date }[]>([
          'id',
          'status',
          'created_at',
        ]);
      complaintCount = made.length;
      if (made.length) {
        // The history walks the workflow up to the status the complaint was given.
        await trx('complaint_events').insert(
          made.flatMap((m) => {
            const steps = WORKFLOW.slice(0, WORKFLOW.indexOf(m.status) + 1);
            return steps.map((to, k) => ({
              complaint_id: Number(m.id),
              from_status: k === 0 ? null : steps[k - 1],
              to_status: to,
              at: new Date(m.created_at.getTime() + k * 3600 * 1000),
            }));
          }),
        );
      }
    }
    if (callbacks.length) await trx('callbacks').insert(callbacks);
    return {
      customers: ids.length,
      interactions: interactions.length,
      complaints: complaintCount,
      callbacks: callbacks.length,
    };
  });
}

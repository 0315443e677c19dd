/**
 * `npm run bench:crm [-- --customers N]`: the CRM on the local PostgreSQL (DATABASE_URL, or
 * postgres://postgres@127.0.0.1:5432/test), in a schema of its own that is dropped at the end.
 *  1. builds N customers (default 1,000,000) with phones, accounts, two past calls each, open
 *     complaints and callbacks, with INSERT ... SELECT over generate_series;
 *  2. screen-pop latency: customers.findForScreenPop(phone typed in one of several formats),
 *     one lookup at a time, p50 and p99;
 *  3. interaction writes per second through the repository: upsertMany batches from several
 *     writers at once, and single upsertByCallId calls from many at once.
 * Progress goes to stderr; the last line on stdout is one JSON object.
 */
import { parseArgs } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { createCrm, migrateLatest, type CallPatch, type Crm } from '../crm-core/index.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    lookups: { type: 'string', default: '5000' },
    'batch-rows': { type: 'string', default: '100000' },
    'single-rows': { type: 'string', default: '20000' },
  },
});
const CUSTOMERS = Number(values.customers);
const LOOKUPS = Number(values.lookups);
const BATCH_ROWS = Number(values['batch-rows']);
const SINGLE_ROWS = Number(values['single-rows']);
const BATCH_SIZE = 500;
const BATCH_WRITERS = 4;
const SINGLE_WRITERS = 16;
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_crm_${process.pid}`;

const log = (msg: string) => process.stderr.write(`[bench:crm] ${msg}\n`);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

const SURNAMES =
  "'王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗'";
const GIVEN =
  "'伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','霞','平','刚'";

/** The data set, in SQL: each statement builds one table from generate_series. */
async function build(knex: Knex, n: number): Promise<void> {
  const step = async (label: string, sql: string, bindings: Knex.RawBinding[] = []) => {
    const t0 = performance.now();
    await knex.raw(sql, bindings);
    log(`${label}: ${seconds(t0)} s`);
  };
  // Secondary indexes are built once after the load, which is several times faster than
  // maintaining them row by row; unique and primary keys stay.
  const { rows: indexes } = await knex.raw<{ rows: { indexname: string; indexdef: string }[] }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema()
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const ix of indexes) await knex.raw('drop index ??', [ix.indexname]);
  await step(
    'agents',
    `insert into users (id, username, display_name, role, password_hash)
     select g, 'bench' || g, 'Agent ' || g, 'agent', 'x' from generate_series(1, 50) g`,
  );
  await step(
    'customers',
    `insert into customers (id, name, name_key, name_key_rev, name_skeleton, language, tier, vip,
                            created_at, updated_at)
     select g, nm, nm, nm, nm, 'zh-CN',
            case when g % 20 = 0 then 'vip' when g % 7 = 0 then 'gold' else 'standard' end,
            g % 20 = 0, now() - interval '400 days', now()
       from (select g, (array[${SURNAMES}])[1 + g % 20] || (array[${GIVEN}])[1 + (g / 20) % 20]
                       || (array[${GIVEN}])[1 + (g / 400) % 20] as nm
               from generate_series(1, ?::int) g) s`,
    [n],
  );
  await step(
    'phones',
    `insert into customer_phones (customer_id, e164, label)
     select g, '+86139' || lpad(g::text, 8, '0'), 'mobile' from generate_series(1, ?::int) g
     union all
     select g, '+86137' || lpad(g::text, 8, '0'), 'home' from generate_series(1, ?::int) g
      where g % 5 = 0`,
    [n, n],
  );
  await step(
    'accounts',
    `insert into accounts (customer_id, account_number, balance, currency, due_date)
     select g, '62220' || lpad(g::text, 11, '0'), ((g::bigint * 7919) % 500000) / 100.0, 'CNY',
            current_date + (g % 30)
       from generate_series(1, ?::int) g`,
    [n],
  );
  await step(
    'interactions (2 per customer)',
    `insert into interactions (call_id, customer_id, caller_number, agent_id, queue, ivr_path,
                               arrived_at, queued_at, offered_at, answered_at, ended_at,
                               wait_seconds, talk_seconds, wrapup_seconds, disposition,
                               created_at, updated_at)
     select 'hist-' || g || '-' || k, g, '+86139' || lpad(g::text, 8, '0'), 1 + (g + k) % 50,
            (array['support','billing','complaints'])[1 + (g + k) % 3], '["welcome","menu"]',
            t, t + interval '10 s', t + interval '20 s', t + interval '25 s', t + interval '300 s',
            15, 275, 30, 'resolved', t, t
       from generate_series(1, ?::int) g, generate_series(1, 2) k,
            lateral (select now() - ((g * 13 + k * 17) % 129600) * interval '1 minute' as t) ts`,
    [n],
  );
  await step(
    'complaints (5% of customers, open)',
    `insert into complaints (ticket_number, customer_id, category, severity, status, subject,
                             due_at, created_at, updated_at)
     select lpad((10000000 + g)::text, 8, '0'), g, 'billing', 'medium',
            case when g % 40 = 0 then 'in_progress' else 'open' end, 'Bench complaint',
            now() + interval '2 days', now(), now()
       from generate_series(20, ?::int, 20) g`,
    [n],
  );
  await step(
    'callbacks (1% of customers, pending)',
    `insert into callbacks (customer_id, phone, origin, window_start, window_end, timezone,
                            queue, created_at, updated_at)
     select g, '+86139' || lpad(g::text, 8, '0'), 'ivr', now(), now() + interval '4 hours',
            'Asia/Shanghai', 'support', now(), now()
       from generate_series(100, ?::int, 100) g`,
    [n],
  );
  const tIndexes = performance.now();
  for (const ix of indexes) await knex.raw(ix.indexdef);
  log(`${indexes.length} secondary indexes: ${seconds(tIndexes)} s`);
  for (const table of ['users', 'customers', 'customer_phones', 'accounts', 'interactions']) {
    await knex.raw(`select setval(pg_get_serial_sequence(?, 'id'), (select max(id) from ??))`, [
      table,
      table,
    ]);
  }
  await step('analyze', 'analyze');
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 1000) / 1000;
}

/** The same number as callers and agents type it. */
function typed(id: number, k: number): string {
  const local = `139${String(id).padStart(8, '0')}`;
  switch (k % 4) {
    case 0:
      return `+86${local}`;
    case 1:
      return local;
    case 2:
      return `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`;
    default:
      return `0086${local}`;
  }
}

async function lookups(crm: Crm, n: number, customers: number) {
  const rand = (k: number) => 1 + ((k * 2654435761) % customers);
  for (let k = 0; k < Math.min(1000, n); k++)
    await crm.customers.findForScreenPop(typed(rand(k), k));
  const times: number[] = [];
  let withComplaints = 0;
  for (let k = 0; k < n; k++) {
    const id = rand(k + 7919);
    const t0 = performance.now();
    const pop = await crm.customers.findForScreenPop(typed(id, k));
    times.push(performance.now() - t0);
    if (!pop || pop.customer.id !== id || pop.lastInteractions.length !== 2) {
      throw new Error(`screen pop for customer ${id} is wrong`);
    }
    if (pop.openComplaints.length) withComplaints++;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), withComplaints };
}

function callPatch(i: number, customers: number): CallPatch {
  const t = new Date(Date.now() - (i % 3600) * 1000);
  const at = (s: number) => new Date(t.getTime() + s * 1000);
  return {
    callId: `bench-${process.pid}-${i}`,
    patch: {
      direction: 'inbound',
      customerId: 1 + ((i * 7919) % customers),
      callerNumber: '+8613900000001',
      agentId: 1 + (i % 50),
      queue: i % 2 ? 'billing' : 'support',
      ivrPath: ['welcome', { menu: 'main', digit: String(i % 4) }],
      arrivedAt: t,
      queuedAt: at(8),
      offeredAt: at(20),
      answeredAt: at(24),
      endedAt: at(200),
      waitSeconds: 16,
      talkSeconds: 176,
      wrapupSeconds: 20,
      disposition: 'resolved',
    },
  };
}

/** Runs `total` jobs with `workers` of them in flight at once. */
async function inParallel(total: number, workers: number, job: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) await job(next++);
    }),
  );
}

async function main(): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: URL, pool: { min: 0, max: 1 } });
  await admin.raw('create schema ??', [SCHEMA]);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: URL,
    searchPath: [SCHEMA],
    pool: { min: 0, max: SINGLE_WRITERS },
  });
  try {
    await migrateLatest(knex);
    const crm = createCrm(knex, { defaultRegion: 'CN' });
    log(`building ${CUSTOMERS} customers in schema ${SCHEMA}`);
    const t0 = performance.now();
    await build(knex, CUSTOMERS);
    const buildSeconds = seconds(t0);

    log(`screen pop: ${LOOKUPS} lookups, one at a time`);
    const pop = await lookups(crm, LOOKUPS, CUSTOMERS);

    log(`interaction writes: ${BATCH_ROWS} rows by upsertMany(${BATCH_SIZE}) x ${BATCH_WRITERS}`);
    const batches = Math.ceil(BATCH_ROWS / BATCH_SIZE);
    const tb = performance.now();
    await inParallel(batches, BATCH_WRITERS, (b) =>
      crm.interactions.upsertMany(
        Array.from({ length: BATCH_SIZE }, (_, j) => callPatch(b * BATCH_SIZE + j, CUSTOMERS)),
      ),
    );
    const batchRate = Math.round((batches * BATCH_SIZE) / ((performance.now() - tb) / 1000));

    log(`interaction writes: ${SINGLE_ROWS} upsertByCallId x ${SINGLE_WRITERS} at once`);
    const ts = performance.now();
    const offset = batches * BATCH_SIZE;
    await inParallel(SINGLE_ROWS, SINGLE_WRITERS, (i) => {
      const c = callPatch(offset + i, CUSTOMERS);
      return crm.interactions.upsertByCallId(c.callId, c.patch);
    });
    const singleRate = Math.round(SINGLE_ROWS / ((performance.now() - ts) / 1000));

    // A retried batch writes the same rows again: the count must not move.
    const before = await knex('interactions').count({ n: '*' }).first<{ n: string }>();
    await crm.interactions.upsertMany(
      Array.from({ length: BATCH_SIZE }, (_, j) => callPatch(j, CUSTOMERS)),
    );
    const after = await knex('interactions').count({ n: '*' }).first<{ n: string }>();
    if (before.n !== after.n) throw new Error('a retried batch added rows');

    console.log(
      JSON.stringify({
        bench: 'crm',
        customers: CUSTOMERS,
        interactionsInHistory: CUSTOMERS * 2,
        buildSeconds,
        screenPopLookups: LOOKUPS,
        screenPopP50Ms: pop.p50,
        screenPopP99Ms: pop.p99,
        screenPopsWithOpenComplaints: pop.withComplaints,
        interactionRowsPerSecondBatch: batchRate,
        batchSize: BATCH_SIZE,
        batchWriters: BATCH_WRITERS,
        interactionRowsPerSecondSingle: singleRate,
        singleWriters: SINGLE_WRITERS,
        goals: { screenPopP99Ms: 2, interactionRowsPerSecond: 5000 },
      }),
    );
  } finally {
    await knex.raw('drop schema if exists ?? cascade', [SCHEMA]);
    await knex.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:crm failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

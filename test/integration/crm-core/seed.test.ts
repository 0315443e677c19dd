import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCrm,
  DEMO_CUSTOMER,
  DEMO_PASSWORD,
  migrateLatest,
  seedDemo,
  type Crm,
} from '../../../crm-core/index.js';
import { backends, type OpenBackend } from './support/backends.js';

describe.each(backends)('demo data on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;

  beforeAll(async () => {
    db = await backend.open('crm_seed');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex);
  });
  afterAll(() => db.close());

  it('creates the demo users, knowledge, the demo customer and random customers', async () => {
    const summary = await seedDemo(crm, { customers: 150, batchSize: 40 });
    expect(summary).toMatchObject({ users: 6, knowledge: 10, customers: 150 });
    expect(summary.interactions).toBeGreaterThan(100);

    const agents = await crm.users.list({ role: 'agent' });
    expect(agents.map((a) => a.username)).toEqual(['agent1', 'agent2', 'agent3', 'agent4']);
    const billingZh = agents.filter(
      (a) =>
        a.skills.some((s) => s.skill === 'billing') && a.skills.some((s) => s.skill === 'zh-CN'),
    );
    expect(billingZh.length).toBeGreaterThanOrEqual(2);
    expect(agents.some((a) => a.queues.includes('vip'))).toBe(true);
    expect(await crm.users.authenticate('supervisor', DEMO_PASSWORD)).toMatchObject({
      role: 'supervisor',
    });
    expect(await crm.users.authenticate('admin', DEMO_PASSWORD)).toMatchObject({ role: 'admin' });
    const languages = new Set((await crm.knowledge.search({ limit: 200 })).map((k) => k.language));
    expect([...languages].sort()).toEqual(['en', 'zh-CN']);
  });

  it('pops the demo customer Li Wei: VIP, a balance, two past calls and an open complaint', async () => {
    const pop = await crm.customers.findForScreenPop('13800138000');
    expect(pop?.customer).toMatchObject({ name: DEMO_CUSTOMER.name, vip: true, tier: 'vip' });
    expect(pop?.accounts).toEqual([
      expect.objectContaining({ accountNumber: DEMO_CUSTOMER.accountNumber, balance: '1280.50' }),
    ]);
    expect(pop?.lastInteractions.map((i) => i.callId)).toEqual(['demo-liwei-2', 'demo-liwei-1']);
    expect(pop?.openComplaints).toHaveLength(1);
  });

  it('adds no second copy of the users, knowledge or demo customer when run again', async () => {
    const again = await seedDemo(crm, { customers: 10 });
    expect(again).toMatchObject({ users: 0, knowledge: 0, customers: 10 });
    expect(await crm.customers.search({ phone: DEMO_CUSTOMER.phone })).toHaveLength(1);
    expect(await crm.customers.count()).toBe(161);
  });
});

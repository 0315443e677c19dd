import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { backends, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('strategies, knowledge, audit and accounts on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  let customerId: number;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_reference');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    const r = await crm.customers.create({
      name: 'Account Holder',
      phones: [{ number: '18912345678' }],
    });
    if (r.status !== 'created') throw new Error('setup');
    customerId = r.customer.id;
  });
  afterAll(() => db.close());

  it('has a strategy for every tier from the start and lets an administrator change one', async () => {
    expect((await crm.strategies.list()).map((s) => s.tier)).toEqual(['standard', 'gold', 'vip']);
    const admin = await crm.users.create({
      username: 'adm',
      displayName: 'A',
      role: 'admin',
      password: 'password1',
    });
    const s = await crm.strategies.update(
      'gold',
      { queuePriority: 7, dedicatedGroup: 'gold-team', recordingOptOut: true },
      admin.id,
    );
    expect(s).toMatchObject({
      tier: 'gold',
      queuePriority: 7,
      dedicatedGroup: 'gold-team',
      recordingOptOut: true,
      updatedBy: admin.id,
    });
    await expect(crm.strategies.update('platinum', { queuePriority: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(crm.strategies.update('gold', { complaintSlaFactor: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'complaintSlaFactor' }],
    });
  });

  it('searches knowledge by words in any order, with % and _ taken literally', async () => {
    await crm.knowledge.create({
      kind: 'answer',
      category: 'billing',
      language: 'en',
      title: 'Late payment fee',
      body: 'The fee is 5% of the amount due.',
    });
    await crm.knowledge.create({
      kind: 'script',
      category: 'billing',
      language: 'en',
      title: 'Opening',
      body: 'Thank you for calling.',
    });
    await crm.knowledge.create({
      kind: 'answer',
      category: 'billing',
      language: 'zh-CN',
      title: '滞纳金',
      body: '滞纳金为应付金额的5%。',
      tags: ['费用'],
    });
    await crm.knowledge.create({
      kind: 'answer',
      category: 'network',
      language: 'en',
      title: 'Outage',
      body: 'Check the map.',
      enabled: false,
    });
    expect((await crm.knowledge.search({ q: 'amount FEE' })).map((k) => k.title)).toEqual([
      'Late payment fee',
    ]);
    expect((await crm.knowledge.search({ q: '5%' })).map((k) => k.title).sort()).toEqual([
      'Late payment fee',
      '滞纳金',
    ]);
    expect(await crm.knowledge.search({ q: '_' })).toEqual([]);
    expect(
      (await crm.knowledge.search({ q: '费用', language: 'zh-CN' })).map((k) => k.title),
    ).toEqual(['滞纳金']);
    expect(await crm.knowledge.search({ category: 'network' })).toEqual([]);
    const forCall = await crm.knowledge.forCall('billing', 'en');
    expect(forCall.map((k) => k.kind)).toEqual(['script', 'answer']);
  });

  it('keeps money exact through payments', async () => {
    await crm.accounts.create(customerId, {
      accountNumber: 'EX-1',
      balance: '100.10',
      dueDate: '2025-04-01',
    });
    await crm.accounts.recordPayment('EX-1', { amount: '0.20' });
    const after = await crm.accounts.recordPayment('EX-1', { amount: '0.10' });
    expect(after).toMatchObject({
      balance: '99.80',
      lastPaymentAmount: '0.10',
      dueDate: '2025-04-01',
    });
    expect((await crm.accounts.findByPhone('189-1234-5678')).map((a) => a.accountNumber)).toEqual([
      'EX-1',
    ]);
    await expect(crm.accounts.create(customerId, { accountNumber: 'EX-1' })).rejects.toMatchObject({
      code: 'account_taken',
    });
    await expect(crm.accounts.recordPayment('EX-1', { amount: '-5' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(crm.accounts.recordPayment('EX-1', { amount: '1.234' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('records who did what and lists it newest first with filters', async () => {
    await crm.audit.record({
      actorId: null,
      action: 'customer.view',
      entity: 'customer',
      entityId: customerId,
    });
    clock.advance(1000);
    await crm.audit.record({
      action: 'recording.view',
      entity: 'interaction',
      entityId: '77',
      details: { name: 'rec/77' },
    });
    const all = await crm.audit.list({});
    expect(all.items.map((e) => e.action).slice(0, 2)).toEqual(['recording.view', 'customer.view']);
    const one = await crm.audit.list({ entity: 'interaction', entityId: '77' });
    expect(one.items).toEqual([
      expect.objectContaining({ details: { name: 'rec/77' }, entityId: '77' }),
    ]);
    await expect(crm.audit.record({ action: 'Bad Action!', entity: 'x1' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

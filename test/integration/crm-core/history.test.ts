import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm, type Customer } from '../../../crm-core/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

async function created(crm: Crm, input: Record<string, unknown>): Promise<Customer> {
  const r = await crm.customers.create({ force: true, ...input });
  if (r.status !== 'created') throw new Error('expected created');
  return r.customer;
}

describe.each(backends)('screen pop, merge and timeline on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_history');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
  });
  afterAll(() => db.close());

  it('pops the caller with accounts, the last 5 calls, open complaints and live callbacks', async () => {
    const c = await created(crm, {
      name: '李伟',
      tier: 'vip',
      vip: true,
      phones: [{ number: '+8613800138000' }],
    });
    await crm.accounts.create(c.id, {
      accountNumber: 'LW-0001',
      balance: '1234567890.15',
      dueDate: '2025-03-20',
    });
    for (let i = 0; i < 7; i++) {
      clock.advance(60_000);
      await crm.interactions.upsertByCallId(`pop-${i}`, {
        customerId: c.id,
        arrivedAt: clock.now(),
        queue: 'vip',
      });
    }
    const open = await crm.complaints.create({
      customerId: c.id,
      category: 'billing',
      subject: 'Double charge',
    });
    const done = await crm.complaints.create({
      customerId: c.id,
      category: 'network',
      subject: 'Outage',
    });
    await crm.complaints.transition(done.id, { to: 'in_progress' });
    await crm.complaints.transition(done.id, { to: 'resolved', resolution: 'Fixed' });
    const cb = await crm.callbacks.create({ phone: '13800138000', origin: 'ivr', queue: 'vip' });

    const pop = await crm.customers.findForScreenPop('138 0013 8000');
    expect(pop).not.toBeNull();
    expect(pop!.customer).toMatchObject({
      id: c.id,
      name: '李伟',
      vip: true,
      accountNumber: 'LW-0001',
    });
    expect(pop!.accounts).toEqual([
      expect.objectContaining({
        accountNumber: 'LW-0001',
        balance: '1234567890.15',
        dueDate: '2025-03-20',
        currency: 'CNY',
      }),
    ]);
    expect(pop!.strategy).toMatchObject({ tier: 'vip', queuePriority: 10 });
    expect(pop!.lastInteractions.map((i) => i.callId)).toEqual([
      'pop-6',
      'pop-5',
      'pop-4',
      'pop-3',
      'pop-2',
    ]);
    expect(pop!.lastInteractions[0]!.arrivedAt).toBeInstanceOf(Date);
    expect(pop!.openComplaints.map((x) => x.id)).toEqual([open.id]);
    expect(pop!.pendingCallbacks.map((x) => x.id)).toEqual([cb.id]);
    expect(cb.customerId).toBe(c.id);
  });

  it('pops nothing for an unknown or unreadable number', async () => {
    expect(await crm.customers.findForScreenPop('+8613999999999')).toBeNull();
    expect(await crm.customers.findForScreenPop('anonymous')).toBeNull();
  });

  it('merges two customers, moving all their history, and remembers where the old id went', async () => {
    const target = await created(crm, {
      name: 'Merge Target',
      tier: 'standard',
      phones: [{ number: '13300000001' }],
    });
    const source = await created(crm, {
      name: 'Merge Source',
      tier: 'gold',
      vip: true,
      notes: 'prefers mornings',
      phones: [{ number: '13300000002' }],
      accountNumber: 'MS-1',
    });
    await crm.interactions.upsertByCallId('merge-1', { customerId: source.id });
    await crm.complaints.create({ customerId: source.id, category: 'other', subject: 'x' });
    await crm.callbacks.create({ phone: '13300000002', origin: 'agent', queue: 'general' });

    const r = await crm.customers.merge(target.id, source.id);
    expect(r.moved).toEqual({
      interactions: 1,
      complaints: 1,
      callbacks: 1,
      phones: 1,
      accounts: 1,
    });
    expect(r.customer).toMatchObject({
      id: target.id,
      tier: 'gold',
      vip: true,
      notes: 'prefers mornings',
      accountNumber: 'MS-1',
    });
    expect(r.customer.phones.map((p) => p.e164).sort()).toEqual([
      '+8613300000001',
      '+8613300000002',
    ]);
    const pop = await crm.customers.findForScreenPop('13300000002');
    expect(pop!.customer.id).toBe(target.id);
    expect(pop!.lastInteractions.map((i) => i.callId)).toEqual(['merge-1']);
    await expect(crm.customers.get(source.id)).rejects.toMatchObject({
      code: 'not_found',
      details: { mergedInto: target.id },
    });
  });

  it('moves nothing when the merge cannot finish', async () => {
    const target = await created(crm, {
      name: 'Lonely Target',
      phones: [{ number: '13300000009' }],
    });
    await expect(crm.customers.merge(target.id, 99999999)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(crm.customers.merge(target.id, target.id)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await crm.customers.get(target.id)).phones).toHaveLength(1);
  });

  it('pages the timeline newest first across interactions, complaints and callbacks', async () => {
    const c = await created(crm, { name: 'Timeline Person', phones: [{ number: '13200000001' }] });
    const expected: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(HOUR);
      await crm.interactions.upsertByCallId(`tl-${i}`, {
        customerId: c.id,
        arrivedAt: clock.now(),
      });
      expected.push(`interaction:tl-${i}`);
      clock.advance(HOUR);
      const x = await crm.complaints.create({
        customerId: c.id,
        category: 'other',
        subject: `c${i}`,
      });
      expected.push(`complaint:${x.id}`);
    }
    clock.advance(HOUR);
    const cb = await crm.callbacks.create({ phone: '13200000001', origin: 'agent', queue: 'q1' });
    expected.push(`callback:${cb.id}`);
    // Same moment as the callback: order falls back to type, then id.
    await crm.interactions.upsertByCallId('tl-same', { customerId: c.id, arrivedAt: clock.now() });
    expected.push('interaction:tl-same');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await crm.customers.timeline(c.id, { limit: 3, ...(cursor ? { cursor } : {}) });
      pages++;
      for (const it of page.items) {
        const item = it.item as { callId?: string | null };
        seen.push(it.type === 'interaction' ? `interaction:${item.callId}` : `${it.type}:${it.id}`);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toBe(4);
    // The callback and 'tl-same' share a moment: descending type order puts the interaction first.
    expect(seen).toEqual([...expected].reverse());
  });

  it('refuses a cursor it did not make', async () => {
    const c = await created(crm, { name: 'Cursor Person' });
    await expect(crm.customers.timeline(c.id, { cursor: 'bm9wZQ' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

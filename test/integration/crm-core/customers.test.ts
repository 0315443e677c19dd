import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm, type Customer } from '../../../crm-core/index.js';
import { backends, TestClock, type OpenBackend } from './support/backends.js';

async function created(crm: Crm, input: Record<string, unknown>): Promise<Customer> {
  const r = await crm.customers.create(input);
  if (r.status !== 'created') throw new Error(`expected created, got ${JSON.stringify(r)}`);
  return r.customer;
}

describe.each(backends)('customers on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_customers');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { defaultRegion: 'CN', now: clock.now });
  });
  afterAll(() => db.close());

  it('stores phone numbers in E.164 whatever format they were typed in', async () => {
    const c = await created(crm, {
      name: 'Zhang San',
      phones: [{ number: '139 1234 5678' }, { number: '+86 (10) 6552 9988', label: 'work' }],
      accountNumber: 'ACC-1001',
    });
    expect(c.phones).toEqual([
      { e164: '+8613912345678', label: 'mobile' },
      { e164: '+861065529988', label: 'work' },
    ]);
    expect(c.accountNumber).toBe('ACC-1001');
    for (const typed of ['13912345678', '+86-139-1234-5678', '008613912345678']) {
      const found = await crm.customers.search({ phone: typed });
      expect(found.map((f) => f.id)).toEqual([c.id]);
    }
  });

  it('refuses a phone number that is not a number, naming the field', async () => {
    await expect(
      crm.customers.create({ name: 'Bad Phone', phones: [{ number: '12' }] }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      status: 400,
      details: [{ path: 'phones.0.number', message: 'not a valid phone number' }],
    });
  });

  it('answers with the owner instead of creating a customer whose phone is known', async () => {
    const owner = await created(crm, { name: '王芳', phones: [{ number: '13700001111' }] });
    const r = await crm.customers.create({
      name: 'Someone Else',
      phones: [{ number: '+8613700001111' }],
    });
    expect(r.status).toBe('duplicates');
    if (r.status !== 'duplicates') return;
    expect(r.candidates[0]).toMatchObject({
      customer: { id: owner.id },
      reasons: ['phone'],
      score: 1,
    });
    expect(await crm.customers.search({ name: 'Someone Else' })).toEqual([]);
  });

  it('finds candidates by account number and by a similarly spelt name', async () => {
    const john = await created(crm, { name: 'John Smith', accountNumber: 'ACC-2001' });
    const byAccount = await crm.customers.create({ name: 'Jane Roe', accountNumber: 'ACC-2001' });
    expect(byAccount).toMatchObject({
      status: 'duplicates',
      candidates: [{ customer: { id: john.id }, reasons: ['account_number'] }],
    });
    const byName = await crm.customers.create({ name: 'SMYTH, Jon' });
    expect(byName.status).toBe('duplicates');
    if (byName.status !== 'duplicates') return;
    expect(byName.candidates.map((c) => c.customer.id)).toContain(john.id);
    expect(byName.candidates[0]!.reasons).toEqual(['name']);
  });

  it('creates a namesake with force, but never takes a phone that belongs to someone', async () => {
    const li = await created(crm, { name: '李强', phones: [{ number: '13600002222' }] });
    const namesake = await crm.customers.create({ name: '李强', force: true });
    expect(namesake.status).toBe('created');
    await expect(
      crm.customers.create({ name: '李强', phones: [{ number: '13600002222' }], force: true }),
    ).rejects.toMatchObject({
      code: 'phone_taken',
      status: 409,
      details: { phones: [{ e164: '+8613600002222', customerId: li.id }] },
    });
  });

  it('replaces the phone list on update and refuses a number owned by another customer', async () => {
    const a = await created(crm, { name: 'Update A', phones: [{ number: '13500000001' }] });
    const b = await created(crm, { name: 'Update B', phones: [{ number: '13500000002' }] });
    const updated = await crm.customers.update(a.id, {
      tier: 'gold',
      phones: [{ number: '13500000003', label: 'home' }],
    });
    expect(updated.tier).toBe('gold');
    expect(updated.phones).toEqual([{ e164: '+8613500000003', label: 'home' }]);
    await expect(
      crm.customers.update(a.id, { notes: 'x', phones: [{ number: '13500000002' }] }),
    ).rejects.toMatchObject({ code: 'phone_taken' });
    const after = await crm.customers.get(a.id);
    expect(after.notes).toBe('');
    expect(after.phones.map((p) => p.e164)).toEqual(['+8613500000003']);
    expect((await crm.customers.get(b.id)).phones.map((p) => p.e164)).toEqual(['+8613500000002']);
  });

  it('answers not_found for an unknown customer id', async () => {
    await expect(crm.customers.get(987654321)).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
  });

  it('searches by account number and by the start of a name', async () => {
    const c = await created(crm, {
      name: 'Alexandra Chen',
      accountNumber: 'ACC-3001',
      force: true,
    });
    expect((await crm.customers.search({ accountNumber: 'ACC-3001' })).map((x) => x.id)).toEqual([
      c.id,
    ]);
    expect((await crm.customers.search({ name: 'alexandra' })).map((x) => x.id)).toContain(c.id);
    expect((await crm.customers.search({ name: 'CHEN' })).map((x) => x.id)).toContain(c.id);
    expect((await crm.customers.search({ name: 'chen alex' })).map((x) => x.id)).toContain(c.id);
    expect(await crm.customers.search({ name: '100%_' })).toEqual([]);
  });
});

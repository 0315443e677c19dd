import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('callbacks on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  let goldId: number;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_callbacks');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    const r = await crm.customers.create({
      name: 'Gold Caller',
      tier: 'gold',
      phones: [{ number: '13011112222' }],
    });
    if (r.status !== 'created') throw new Error('setup');
    goldId = r.customer.id;
  });
  afterAll(() => db.close());

  it('finds the customer by number and closes the window after the tier deadline', async () => {
    const cb = await crm.callbacks.create({
      phone: '130 1111 2222',
      origin: 'ivr',
      queue: 'billing',
    });
    expect(cb).toMatchObject({
      customerId: goldId,
      phone: '+8613011112222',
      status: 'pending',
      attempts: 0,
    });
    expect(cb.earliest.getTime()).toBe(clock.now().getTime());
    expect(cb.latest.getTime() - cb.earliest.getTime()).toBe(120 * 60_000);
  });

  it('keeps one live callback per number and queue', async () => {
    await expect(
      crm.callbacks.create({ phone: '+8613011112222', origin: 'abandoned', queue: 'billing' }),
    ).rejects.toMatchObject({ code: 'callback_exists', status: 409 });
    const other = await crm.callbacks.create({
      phone: '+8613011112222',
      origin: 'agent',
      queue: 'general',
    });
    expect(other.status).toBe('pending');
  });

  it('refuses a window that ends before it starts and a number that is not one', async () => {
    const t = clock.now();
    await expect(
      crm.callbacks.create({
        phone: '13011113333',
        origin: 'agent',
        queue: 'q',
        earliest: t,
        latest: new Date(t.getTime() - 1),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'latest' }] });
    await expect(
      crm.callbacks.create({ phone: 'abc', origin: 'agent', queue: 'q' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'phone' }],
    });
  });

  it('cancels a pending callback once, then refuses', async () => {
    const cb = await crm.callbacks.create({ phone: '13011114444', origin: 'agent', queue: 'q' });
    const cancelled = await crm.callbacks.cancel(cb.id, 'customer called in');
    expect(cancelled).toMatchObject({ status: 'cancelled', notes: 'customer called in' });
    await expect(crm.callbacks.cancel(cb.id)).rejects.toMatchObject({
      code: 'illegal_transition',
      details: { from: 'cancelled', allowed: [] },
    });
  });

  it('is claimed once by the dialer, retried after no answer and failed after the last attempt', async () => {
    const cb = await crm.callbacks.create({
      phone: '13011115555',
      origin: 'abandoned',
      queue: 'retry',
      maxAttempts: 2,
    });
    const [a, b] = await Promise.all([
      crm.callbacks.claimDue(10, 'retry'),
      crm.callbacks.claimDue(10, 'retry'),
    ]);
    expect([...a, ...b].map((x) => x.id)).toEqual([cb.id]);
    const first = await crm.callbacks.recordAttempt(cb.id, {
      outcome: 'no_answer',
      callId: 'cb-call-1',
    });
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    await crm.callbacks.claimDue(10, 'retry');
    const second = await crm.callbacks.recordAttempt(cb.id, { outcome: 'busy' });
    expect(second).toMatchObject({ status: 'failed', attempts: 2 });
    expect(second.attemptLog.map((x) => x.outcome)).toEqual(['no_answer', 'busy']);
  });

  it('completes on an answered attempt and refuses an attempt when not dialing', async () => {
    const cb = await crm.callbacks.create({ phone: '13011116666', origin: 'agent', queue: 'done' });
    await expect(crm.callbacks.recordAttempt(cb.id, { outcome: 'answered' })).rejects.toMatchObject(
      {
        code: 'illegal_transition',
      },
    );
    await crm.callbacks.claimDue(10, 'done');
    expect((await crm.callbacks.recordAttempt(cb.id, { outcome: 'answered' })).status).toBe(
      'completed',
    );
  });

  it('does not dial before the window opens and expires what nobody called in time', async () => {
    const start = new Date(clock.now().getTime() + HOUR);
    const later = await crm.callbacks.create({
      phone: '13011117777',
      origin: 'agent',
      queue: 'later',
      earliest: start,
    });
    expect(await crm.callbacks.claimDue(10, 'later')).toEqual([]);
    clock.advance(2 * HOUR);
    expect((await crm.callbacks.claimDue(10, 'later')).map((x) => x.id)).toEqual([later.id]);
    const stale = await crm.callbacks.create({
      phone: '13011118888',
      origin: 'agent',
      queue: 'stale',
    });
    clock.advance(5 * HOUR);
    expect(await crm.callbacks.expireOverdue()).toBeGreaterThanOrEqual(1);
    expect((await crm.callbacks.get(stale.id)).status).toBe('expired');
  });

  it('lists with filters, newest first', async () => {
    // Both of the gold customer's callbacks expired when the clock moved on above.
    const page = await crm.callbacks.list({ customerId: goldId, status: 'expired,pending' });
    expect(page.items.map((c) => [c.queue, c.status])).toEqual([
      ['general', 'expired'],
      ['billing', 'expired'],
    ]);
    await expect(crm.callbacks.list({ status: 'asleep' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

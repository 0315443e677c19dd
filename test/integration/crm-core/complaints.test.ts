import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCrm,
  isValidTicketNumber,
  migrateLatest,
  type Crm,
} from '../../../crm-core/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('complaints on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  let standardId: number;
  let vipId: number;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_complaints');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    const a = await crm.customers.create({ name: 'Standard Customer' });
    const b = await crm.customers.create({ name: 'VIP Customer', tier: 'vip' });
    if (a.status !== 'created' || b.status !== 'created') throw new Error('setup');
    standardId = a.customer.id;
    vipId = b.customer.id;
  });
  afterAll(() => db.close());

  it('gives an 8-digit ticket with a valid check digit and an open history entry', async () => {
    const c = await crm.complaints.create(
      { customerId: standardId, category: 'billing', subject: 'Wrong bill' },
      null,
    );
    expect(c.ticketNumber).toMatch(/^\d{8}$/);
    expect(isValidTicketNumber(c.ticketNumber)).toBe(true);
    expect(c.status).toBe('open');
    expect(c.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'open' })]);
    expect((await crm.complaints.getByTicket(c.ticketNumber))?.id).toBe(c.id);
    const typo = c.ticketNumber.slice(0, 7) + String((Number(c.ticketNumber[7]) + 1) % 10);
    expect(await crm.complaints.getByTicket(typo)).toBeNull();
  });

  it('computes the due time from the category SLA and the tier factor', async () => {
    const std = await crm.complaints.create({
      customerId: standardId,
      category: 'billing',
      subject: 's',
    });
    const vip = await crm.complaints.create({
      customerId: vipId,
      category: 'billing',
      subject: 'v',
    });
    expect(std.dueAt.getTime() - clock.now().getTime()).toBe(48 * HOUR);
    expect(vip.dueAt.getTime() - clock.now().getTime()).toBe(24 * HOUR);
    await crm.strategies.update('vip', { complaintSlaFactor: 0.25 });
    const vip2 = await crm.complaints.create({
      customerId: vipId,
      category: 'network',
      subject: 'v2',
    });
    expect(vip2.dueAt.getTime() - clock.now().getTime()).toBe(6 * HOUR);
  });

  it('refuses an unknown category and an unknown customer', async () => {
    await expect(
      crm.complaints.create({ customerId: standardId, category: 'weather', subject: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'category' }] });
    await expect(
      crm.complaints.create({ customerId: 99999999, category: 'billing', subject: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('walks open, in progress, resolved, closed and reopen, keeping the history', async () => {
    const c = await crm.complaints.create({
      customerId: standardId,
      category: 'service',
      subject: 'Rude',
    });
    await crm.complaints.transition(c.id, { to: 'in_progress' }, null);
    const resolved = await crm.complaints.transition(c.id, {
      to: 'resolved',
      resolution: 'Apologised',
      satisfaction: 4,
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'Apologised',
      satisfaction: 4,
    });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const closed = await crm.complaints.transition(c.id, { to: 'closed' });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const reopened = await crm.complaints.transition(c.id, { to: 'open', note: 'called again' });
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, closedAt: null });
    expect(reopened.history.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual([
      'null>open',
      'open>in_progress',
      'in_progress>resolved',
      'resolved>closed',
      'closed>open',
    ]);
  });

  it('refuses an illegal move and names the allowed ones', async () => {
    const c = await crm.complaints.create({
      customerId: standardId,
      category: 'other',
      subject: 'x',
    });
    await expect(crm.complaints.transition(c.id, { to: 'closed' })).rejects.toMatchObject({
      code: 'illegal_transition',
      status: 409,
      details: { from: 'open', to: 'closed', allowed: ['in_progress'] },
    });
    await crm.complaints.transition(c.id, { to: 'in_progress' });
    await expect(crm.complaints.transition(c.id, { to: 'resolved' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'resolution' }],
    });
    expect((await crm.complaints.get(c.id)).status).toBe('in_progress');
  });

  it('lets one of two simultaneous identical moves win and refuses the other', async () => {
    const c = await crm.complaints.create({
      customerId: standardId,
      category: 'other',
      subject: 'race',
    });
    const results = await Promise.allSettled([
      crm.complaints.transition(c.id, { to: 'in_progress' }),
      crm.complaints.transition(c.id, { to: 'in_progress' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'illegal_transition' });
    expect((await crm.complaints.get(c.id)).history).toHaveLength(2);
  });

  it('lists by status, customer and assignee, and finds the overdue ones as time passes', async () => {
    const agent = await crm.users.create({
      username: 'cmp-agent',
      displayName: 'A',
      role: 'agent',
      password: 'password1',
    });
    const mine = await crm.complaints.create({
      customerId: vipId,
      category: 'network',
      subject: 'mine',
      assigneeId: agent.id,
    });
    const byAssignee = await crm.complaints.list({ assigneeId: agent.id });
    expect(byAssignee.items.map((c) => c.id)).toEqual([mine.id]);
    expect((await crm.complaints.list({ overdue: 'true', customerId: vipId })).items).toEqual([]);
    clock.advance(7 * HOUR);
    const overdue = await crm.complaints.list({ overdue: 'true', customerId: vipId });
    expect(overdue.items.map((c) => c.id)).toContain(mine.id);
    expect((await crm.complaints.listOverdue()).map((c) => c.id)).toContain(mine.id);
    const open = await crm.complaints.list({ status: 'in_progress,resolved', limit: 1 });
    expect(open.items).toHaveLength(1);
    expect(open.nextCursor).not.toBeNull();
    const next = await crm.complaints.list({
      status: 'in_progress,resolved',
      limit: 1,
      cursor: open.nextCursor!,
    });
    expect(next.items[0]!.id).toBeLessThan(open.items[0]!.id);
  });

  it('escalates an open complaint one level at a time, but not a closed one', async () => {
    const c = await crm.complaints.create({
      customerId: standardId,
      category: 'other',
      subject: 'esc',
    });
    expect((await crm.complaints.escalate(c.id)).escalationLevel).toBe(1);
    expect((await crm.complaints.escalate(c.id)).escalationLevel).toBe(2);
    await crm.complaints.transition(c.id, { to: 'in_progress' });
    await crm.complaints.transition(c.id, { to: 'resolved', resolution: 'ok' });
    await expect(crm.complaints.escalate(c.id)).rejects.toMatchObject({
      code: 'illegal_transition',
    });
  });
});

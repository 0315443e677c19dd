import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import type { SlaAlert } from '../../../server/wiring/complaint-sla.js';
import { apiCall, loginToken, until } from '../../e2e/telephony/helpers.js';

/**
 * Complaint SLA timers on BullMQ with the whole server (real PostgreSQL and Redis). Due times
 * are moved a few seconds ahead in the database so that the timers fire during the test.
 */
describe('complaint SLA timers', () => {
  let stack: Stack;
  let token: string;
  let customerId: number;
  let assigneeId: number;
  const alerts: SlaAlert[] = [];

  const listen = () => stack.server.outbound.complaintSla.onAlert((a) => alerts.push(a));

  beforeAll(async () => {
    stack = await startStack('cb_sla');
    listen();
    token = await loginToken(stack, 'supervisor');
    customerId = Number((await stack.db.knex('customers').first<{ id: string }>('id')).id);
    assigneeId = (await stack.crm.users.findByUsername('agent2'))!.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const api = (method: string, path: string, body?: unknown) =>
    apiCall(stack, token, method, path, body);

  it('armed again at start: alerts at 80 % of the time, escalates and flags at the due time', async () => {
    const c = await stack.crm.complaints.create({
      customerId,
      category: 'billing',
      subject: 'charged twice',
      assigneeId,
    });
    // Opened now, due in 4 s: the warning is due after 3.2 s.
    const now = new Date();
    const due = new Date(now.getTime() + 4000);
    await stack.db.knex('complaints').where({ id: c.id }).update({ created_at: now, due_at: due });
    // No timer exists yet (created behind the API's back): the next start arms it from the DB.
    await stack.restartServer();
    listen();

    const warned = await until('the 80 % warning', async () => {
      const x = await stack.crm.complaints.get(c.id);
      return x.slaWarnedAt ? x : null;
    });
    expect(warned.escalationLevel).toBe(0);
    expect(warned.slaBreachedAt).toBeNull();
    expect(warned.history.at(-1)?.note).toMatch(/^SLA warning: 80% of the time used/);
    const warning = alerts.find((a) => a.complaintId === c.id && a.kind === 'warning');
    expect(warning?.targets).toEqual([{ supervisors: true }, { userId: String(assigneeId) }]);
    expect(warning?.notification).toMatchObject({
      kind: 'complaint_sla_warning',
      severity: 'warning',
      params: { ticket: c.ticketNumber, dueAt: due.toISOString() },
    });

    const breached = await until('the breach', async () => {
      const x = await stack.crm.complaints.get(c.id);
      return x.slaBreachedAt ? x : null;
    });
    expect(breached.escalationLevel).toBe(1);
    expect(breached.slaWarnedAt!.getTime()).toBeLessThan(breached.slaBreachedAt!.getTime());
    expect(breached.history.map((h) => h.note).filter(Boolean)).toEqual([
      expect.stringMatching(/^SLA warning/),
      expect.stringMatching(/^SLA breached/),
    ]);
    const breach = alerts.find((a) => a.complaintId === c.id && a.kind === 'breach');
    expect(breach?.notification).toMatchObject({
      kind: 'complaint_sla_breached',
      severity: 'critical',
      params: { level: '1' },
    });
    // Flagged for the wallboard: listed as breached and overdue, by the wallboard's own query.
    const overdue = await api('GET', '/complaints?overdue=true&status=open,in_progress&limit=100');
    const listed = (
      overdue.body.items as { id: number; slaBreachedAt: string; escalationLevel: number }[]
    ).find((x) => x.id === c.id);
    expect(listed?.slaBreachedAt).toBeTruthy();
    expect(listed?.escalationLevel).toBe(1);

    // Arming again (a second node starting) escalates nothing twice.
    await stack.server.outbound.complaintSla.sync(breached);
    await new Promise((r) => setTimeout(r, 500));
    expect((await stack.crm.complaints.get(c.id)).escalationLevel).toBe(1);
  });

  it('opened through the API it gets both timers; resolving removes them', async () => {
    const created = await api('POST', '/complaints', {
      customerId,
      category: 'network',
      subject: 'no signal at home',
      assigneeId,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const dueMs = Date.parse(created.body.dueAt as string);
    const queue = stack.server.jobs.queue('complaint-sla');
    const warn = await until('the warning timer', () =>
      queue.getJob(`complaint-${id}-warn-${dueMs}`),
    );
    const breach = await until('the breach timer', () =>
      queue.getJob(`complaint-${id}-breach-${dueMs}`),
    );
    expect(await warn.getState()).toBe('delayed');
    expect(await breach.getState()).toBe('delayed');

    expect((await api('POST', `/complaints/${id}/transitions`, { to: 'in_progress' })).status).toBe(
      200,
    );
    const resolved = await api('POST', `/complaints/${id}/transitions`, {
      to: 'resolved',
      resolution: 'router replaced',
    });
    expect(resolved.status).toBe(200);
    await until('both timers removed', async () =>
      (await queue.getJob(`complaint-${id}-warn-${dueMs}`)) ||
      (await queue.getJob(`complaint-${id}-breach-${dueMs}`))
        ? null
        : true,
    );
    const after = await stack.crm.complaints.get(id);
    expect(after.slaWarnedAt).toBeNull();
    expect(after.escalationLevel).toBe(0);
  });

  it('a timer that fires after the complaint was resolved does nothing', async () => {
    const c = await stack.crm.complaints.create({ customerId, category: 'other', subject: 'late' });
    const now = new Date();
    await stack.db
      .knex('complaints')
      .where({ id: c.id })
      // Far enough ahead that resolving comes first even on a loaded machine.
      .update({ created_at: now, due_at: new Date(now.getTime() + 3000) });
    const armed = await stack.crm.complaints.get(c.id);
    await stack.server.outbound.complaintSla.sync(armed);
    // Resolved behind the API's back: the jobs stay and fire, finding nothing to do.
    await stack.crm.complaints.transition(c.id, { to: 'in_progress' });
    await stack.crm.complaints.transition(c.id, { to: 'resolved', resolution: 'done' });
    const queue = stack.server.jobs.queue('complaint-sla');
    const breach = await until('the breach job to run', async () => {
      const j = await queue.getJob(`complaint-${c.id}-breach-${armed.dueAt.getTime()}`);
      return j && (await j.isCompleted()) ? j : null;
    });
    expect(breach.returnvalue).toBe('nothing to do');
    const after = await stack.crm.complaints.get(c.id);
    expect([after.slaWarnedAt, after.slaBreachedAt, after.escalationLevel]).toEqual([
      null,
      null,
      0,
    ]);
    expect(alerts.some((a) => a.complaintId === c.id)).toBe(false);
  });
});

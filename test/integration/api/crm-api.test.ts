/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
   The tests read fields of JSON answers freely; a wrong shape fails the expectation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './support/server.js';

describe('CRM REST API', () => {
  let api: ApiHarness;
  let agent: string;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    api = await startApi('api_crm');
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      await api.crm.users.create({ username: role, displayName: role, role, password: 'demo1234' });
    }
    [agent, supervisor, admin] = await Promise.all([
      api.login('agent', 'demo1234'),
      api.login('supervisor', 'demo1234'),
      api.login('admin', 'demo1234'),
    ]);
  });
  afterAll(() => api.close());

  const createCustomer = async (body: Record<string, unknown>) => {
    const r = await api.call('POST', '/customers', { token: agent, body });
    expect(r.status).toBe(201);
    return r.json;
  };

  it('answers 400 naming every wrong field of a body, without SQL or stack', async () => {
    const r = await api.call('POST', '/customers', {
      token: agent,
      body: { name: '', tier: 'platinum', phones: [{ number: 5 }] },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_input');
    const paths = (r.json.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['name', 'phones.0.number', 'tier']);
    expect(r.text).not.toMatch(/select|insert|at .*\.ts/i);
  });

  it('answers 400 for a phone that is not a number and for a bad query', async () => {
    const phone = await api.call('POST', '/customers', {
      token: agent,
      body: { name: 'Bad Number', phones: [{ number: '12' }] },
    });
    expect(phone).toMatchObject({
      status: 400,
      json: { error: 'invalid_input', details: [{ path: 'phones.0.number' }] },
    });
    const query = await api.call('GET', '/complaints?status=asleep&limit=0', { token: agent });
    expect(query.status).toBe(400);
    expect((query.json.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'limit',
      'status.0',
    ]);
  });

  it('answers 409 with the candidates for a likely duplicate, and creates it with force', async () => {
    const first = await createCustomer({
      name: '李伟',
      tier: 'vip',
      vip: true,
      phones: [{ number: '13800138000' }],
    });
    const samePhone = await api.call('POST', '/customers', {
      token: agent,
      body: { name: 'Li Wei', phones: [{ number: '+86 138 0013 8000' }] },
    });
    expect(samePhone.status).toBe(409);
    expect(samePhone.json).toMatchObject({
      error: 'duplicate_candidates',
      details: { candidates: [{ customer: { id: first.id }, reasons: ['phone'] }] },
    });
    const sameName = await api.call('POST', '/customers', { token: agent, body: { name: '李伟' } });
    expect(sameName.status).toBe(409);
    const forced = await api.call('POST', '/customers', {
      token: agent,
      body: { name: '李伟', force: true },
    });
    expect(forced.status).toBe(201);
    const taken = await api.call('POST', '/customers', {
      token: agent,
      body: { name: 'Other', phones: [{ number: '13800138000' }], force: true },
    });
    expect(taken).toMatchObject({ status: 409, json: { error: 'phone_taken' } });
  });

  it('finds a customer by phone in any format, by account number and by q', async () => {
    const c = await createCustomer({
      name: 'Search Me',
      phones: [{ number: '13912340000' }],
      accountNumber: '6222000011112222',
    });
    for (const path of [
      '/customers?phone=139-1234-0000',
      '/customers?phone=%2B8613912340000',
      '/customers?accountNumber=6222000011112222',
      '/customers?q=6222000011112222',
      '/customers?q=139%201234%200000',
      '/customers?q=search',
    ]) {
      const r = await api.call('GET', path, { token: agent });
      expect(r.status, path).toBe(200);
      expect(
        (r.json.items as { id: number }[]).map((x) => x.id),
        path,
      ).toEqual([c.id]);
    }
  });

  it('reads and updates a customer, and answers 404 for an unknown id', async () => {
    const c = await createCustomer({ name: 'Read Update', phones: [{ number: '13912340001' }] });
    const read = await api.call('GET', `/customers/${c.id}`, { token: agent });
    expect(read.json).toMatchObject({ id: c.id, name: 'Read Update', accounts: [] });
    const upd = await api.call('PATCH', `/customers/${c.id}`, {
      token: agent,
      body: { tier: 'gold', notes: 'prefers English' },
    });
    expect(upd.json).toMatchObject({ tier: 'gold', notes: 'prefers English' });
    const missing = await api.call('GET', '/customers/99999999', { token: agent });
    expect(missing).toMatchObject({ status: 404, json: { error: 'not_found' } });
    const empty = await api.call('PATCH', `/customers/${c.id}`, { token: agent, body: {} });
    expect(empty.status).toBe(400);
  });

  it('lets a supervisor, not an agent, merge customers, and the old id then says where it went', async () => {
    const target = await createCustomer({
      name: 'Merge Into',
      phones: [{ number: '13912340002' }],
    });
    const source = await createCustomer({
      name: 'Merge From',
      phones: [{ number: '13912340003' }],
    });
    await api.crm.interactions.upsertByCallId('api-merge-1', { customerId: source.id });
    const byAgent = await api.call('POST', `/customers/${target.id}/merge`, {
      token: agent,
      body: { sourceId: source.id },
    });
    expect(byAgent).toMatchObject({ status: 403, json: { error: 'forbidden' } });
    const r = await api.call('POST', `/customers/${target.id}/merge`, {
      token: supervisor,
      body: { sourceId: source.id },
    });
    expect(r.status).toBe(200);
    expect(r.json.moved).toMatchObject({ interactions: 1, phones: 1 });
    const gone = await api.call('GET', `/customers/${source.id}`, { token: agent });
    expect(gone).toMatchObject({ status: 404, json: { details: { mergedInto: target.id } } });
  });

  it('pages a timeline with limit and cursor, newest first', async () => {
    const c = await createCustomer({ name: 'Timeline API', phones: [{ number: '13912340004' }] });
    const base = Date.parse('2025-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await api.crm.interactions.upsertByCallId(`api-tl-${i}`, {
        customerId: c.id,
        arrivedAt: new Date(base + i * 60_000),
      });
    }
    const seen: string[] = [];
    let path = `/customers/${c.id}/timeline?limit=2`;
    for (let page = 0; page < 3; page++) {
      const r = await api.call('GET', path, { token: agent });
      expect(r.status).toBe(200);
      seen.push(...(r.json.items as { item: { callId: string } }[]).map((x) => x.item.callId));
      if (page < 2) expect(r.json.nextCursor).toEqual(expect.any(String));
      else expect(r.json.nextCursor).toBeNull();
      path = `/customers/${c.id}/timeline?limit=2&cursor=${String(r.json.nextCursor)}`;
    }
    expect(seen).toEqual(['api-tl-4', 'api-tl-3', 'api-tl-2', 'api-tl-1', 'api-tl-0']);
    const bad = await api.call('GET', `/customers/${c.id}/timeline?cursor=zzz`, { token: agent });
    expect(bad.status).toBe(400);
  });

  it('moves a complaint through its workflow and answers 409 with the allowed moves', async () => {
    const c = await createCustomer({ name: 'Complainer', phones: [{ number: '13912340005' }] });
    const created = await api.call('POST', '/complaints', {
      token: agent,
      body: { customerId: c.id, category: 'billing', subject: 'Charged twice' },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    const ticket = created.json.ticketNumber as string;
    const illegal = await api.call('POST', `/complaints/${id}/transitions`, {
      token: agent,
      body: { to: 'closed' },
    });
    expect(illegal.status).toBe(409);
    expect(illegal.json).toMatchObject({
      error: 'illegal_transition',
      details: { from: 'open', to: 'closed', allowed: ['in_progress'] },
    });
    await api.call('POST', `/complaints/${id}/transitions`, {
      token: agent,
      body: { to: 'in_progress' },
    });
    const resolved = await api.call('POST', `/complaints/${id}/transitions`, {
      token: agent,
      body: { to: 'resolved', resolution: 'Refunded', satisfaction: 5 },
    });
    expect(resolved.json).toMatchObject({ status: 'resolved', satisfaction: 5 });
    const byTicket = await api.call('GET', `/complaints/by-ticket/${ticket}`, { token: agent });
    expect(byTicket.json).toMatchObject({ id, status: 'resolved' });
    expect((byTicket.json.history as unknown[]).length).toBe(3);
    const unknownTicket = await api.call('GET', '/complaints/by-ticket/00000000', { token: agent });
    expect(unknownTicket.status).toBe(404);
    const list = await api.call('GET', `/complaints?customerId=${c.id}&status=resolved`, {
      token: agent,
    });
    expect((list.json.items as { id: number }[]).map((x) => x.id)).toEqual([id]);
  });

  it('creates, lists and cancels callbacks', async () => {
    const created = await api.call('POST', '/callbacks', {
      token: agent,
      body: { phone: '13912340006', origin: 'agent', queue: 'support' },
    });
    expect(created.status).toBe(201);
    const again = await api.call('POST', '/callbacks', {
      token: agent,
      body: { phone: '139 1234 0006', origin: 'ivr', queue: 'support' },
    });
    expect(again).toMatchObject({ status: 409, json: { error: 'callback_exists' } });
    const list = await api.call('GET', '/callbacks?status=pending&queue=support', { token: agent });
    expect((list.json.items as { id: number }[]).map((x) => x.id)).toContain(created.json.id);
    const cancelled = await api.call('POST', `/callbacks/${created.json.id}/cancel`, {
      token: agent,
      body: { reason: 'reached by email' },
    });
    expect(cancelled.json.status).toBe('cancelled');
    const twice = await api.call('POST', `/callbacks/${created.json.id}/cancel`, { token: agent });
    expect(twice).toMatchObject({ status: 409, json: { error: 'illegal_transition' } });
  });

  it('lets only an administrator write users, strategies and knowledge', async () => {
    const userBody = {
      username: 'newagent',
      displayName: 'New',
      role: 'agent',
      password: 'longenough',
      endpoint: 'PJSIP/1009',
      skills: [{ skill: 'billing', proficiency: 3 }],
      queues: ['billing'],
    };
    expect((await api.call('POST', '/users', { token: supervisor, body: userBody })).status).toBe(
      403,
    );
    const made = await api.call('POST', '/users', { token: admin, body: userBody });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ endpoint: 'PJSIP/1009', queues: ['billing'] });
    expect(made.json).not.toHaveProperty('password');
    expect((await api.call('GET', '/users', { token: supervisor })).status).toBe(200);
    expect((await api.call('GET', '/users', { token: agent })).status).toBe(403);

    const strategyByAgent = await api.call('PATCH', '/strategies/vip', {
      token: agent,
      body: { queuePriority: 50 },
    });
    expect(strategyByAgent.status).toBe(403);
    const strategy = await api.call('PATCH', '/strategies/vip', {
      token: admin,
      body: { queuePriority: 50 },
    });
    expect(strategy.json).toMatchObject({ tier: 'vip', queuePriority: 50 });

    const kb = {
      kind: 'answer',
      category: 'billing',
      language: 'en',
      title: 'Fees',
      body: 'No fees.',
    };
    expect((await api.call('POST', '/knowledge', { token: agent, body: kb })).status).toBe(403);
    const entry = await api.call('POST', '/knowledge', { token: admin, body: kb });
    expect(entry.status).toBe(201);
    const found = await api.call('GET', '/knowledge?category=billing&lang=en&q=fees', {
      token: agent,
    });
    expect((found.json.items as { id: number }[]).map((x) => x.id)).toEqual([entry.json.id]);
  });

  it('gives supervisors queue reports as JSON and CSV, and agents a 403', async () => {
    const from = '2025-01-01T00:00:00Z';
    const to = '2025-01-02T00:00:00Z';
    await api.crm.interactions.upsertByCallId('api-report-1', {
      queue: 'billing',
      arrivedAt: new Date('2025-01-01T10:00:00Z'),
      queuedAt: new Date('2025-01-01T10:00:00Z'),
      answeredAt: new Date('2025-01-01T10:00:10Z'),
      waitSeconds: 10,
      talkSeconds: 50,
    });
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect((await api.call('GET', `/reports/queues?${q}`, { token: agent })).status).toBe(403);
    const json = await api.call('GET', `/reports/queues?${q}`, { token: supervisor });
    expect(json.json.rows).toEqual([
      expect.objectContaining({
        key: 'billing',
        offered: 1,
        answered: 1,
        serviceLevel: 1,
        asa: 10,
      }),
    ]);
    const csv = await api.call('GET', `/reports/agents?${q}&format=csv`, { token: supervisor });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe(
      'key,offered,answered,abandoned,answeredWithinThreshold,serviceLevel,asa,aht',
    );
    const bad = await api.call(
      'GET',
      `/reports/queues?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`,
      {
        token: supervisor,
      },
    );
    expect(bad).toMatchObject({ status: 400, json: { details: [{ path: 'to' }] } });
  });

  it('audits sensitive reads and writes, readable by supervisors only', async () => {
    const c = await createCustomer({ name: 'Audited', phones: [{ number: '13912340007' }] });
    await api.call('GET', `/customers/${c.id}`, { token: agent });
    const log = await api.call('GET', `/audit?entity=customer&entityId=${c.id}`, {
      token: supervisor,
    });
    expect((log.json.items as { action: string }[]).map((e) => e.action)).toEqual([
      'customer.view',
      'customer.create',
    ]);
    const me = await api.call('GET', '/auth/me', { token: agent });
    expect((log.json.items as { actorId: number }[])[0]!.actorId).toBe(Number(me.json.userId));
    expect((await api.call('GET', '/audit', { token: agent })).status).toBe(403);
  });

  it('serves an OpenAPI 3.1 document built from the same schemas', async () => {
    const r = await api.call('GET', '/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.json;
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/customers'].post;
    expect(create.requestBody.content['application/json'].schema.properties.name).toMatchObject({
      type: 'string',
    });
    expect(create.requestBody.content['application/json'].schema.required).toContain('name');
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '409']),
    );
    const timeline = doc.paths['/customers/{id}/timeline'].get;
    expect(
      (timeline.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`),
    ).toEqual(['path:id', 'query:limit', 'query:cursor']);
    const report = doc.paths['/reports/queues'].get;
    expect(report['x-roles']).toEqual(['supervisor', 'admin']);
    expect((report.parameters as { name: string }[]).map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'threshold', 'format']),
    );
    expect(doc.paths['/auth/login'].post.security).toEqual([]);
  });
});

/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   The tests read fields of JSON answers freely; a wrong shape fails the expectation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './support/server.js';

const CSV_HEADERS = { 'content-type': 'text/csv; charset=utf-8' };

describe('campaign and do-not-call API', () => {
  let api: ApiHarness;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    api = await startApi('api_campaigns');
    for (const role of ['agent', 'supervisor'] as const) {
      await api.crm.users.create({ username: role, displayName: role, role, password: 'demo1234' });
    }
    [agent, supervisor] = await Promise.all([
      api.login('agent', 'demo1234'),
      api.login('supervisor', 'demo1234'),
    ]);
  });
  afterAll(() => api.close());

  const create = async (body: Record<string, unknown>) => {
    const r = await api.call('POST', '/campaigns', { token: supervisor, body });
    expect(r.status, r.text).toBe(201);
    return r.json;
  };
  const base = {
    name: '信用卡回访',
    queueId: 'outbound',
    mode: 'predictive',
    callerId: '021 5555 0000',
  };

  it('creates a campaign with the defaults and names every wrong field', async () => {
    const c = await create(base);
    expect(c).toMatchObject({
      state: 'draft',
      callerId: '+862155550000',
      callingHours: { start: '09:00', end: '21:00' },
      abandonCap: { maxRate: 0.03, windowDays: 30 },
      maxAttempts: 3,
    });
    const bad = await api.call('POST', '/campaigns', {
      token: supervisor,
      body: { ...base, mode: 'blast', callingHours: { start: '21:00', end: '09:00' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_input');
    expect((bad.json.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'callingHours.end',
      'mode',
    ]);
    const caller = await api.call('POST', '/campaigns', {
      token: supervisor,
      body: { ...base, callerId: '12' },
    });
    expect(caller).toMatchObject({ status: 400, json: { details: [{ path: 'callerId' }] } });
    const gb = await create({ ...base, jurisdiction: 'GB' });
    expect(gb.abandonCap).toEqual({ maxRate: 0.03, windowDays: 1 });
    const forbidden = await api.call('POST', '/campaigns', { token: agent, body: base });
    expect(forbidden.status).toBe(403);
  });

  it('starts, pauses, resumes and stops; edits only a draft or paused campaign', async () => {
    const c = await create({ ...base, mode: 'progressive' });
    const act = (a: string) => api.call('POST', `/campaigns/${c.id}/${a}`, { token: supervisor });
    expect((await act('resume')).status).toBe(409);
    expect((await act('start')).json.state).toBe('running');
    const edit = await api.call('PUT', `/campaigns/${c.id}`, {
      token: supervisor,
      body: { ...base, maxAttempts: 4 },
    });
    expect(edit).toMatchObject({ status: 409, json: { error: 'illegal_transition' } });
    expect((await act('pause')).json.state).toBe('paused');
    const edited = await api.call('PUT', `/campaigns/${c.id}`, {
      token: supervisor,
      body: { ...base, maxAttempts: 4 },
    });
    expect(edited.json.maxAttempts).toBe(4);
    expect((await act('resume')).json.state).toBe('running');
    expect((await act('stop')).json.state).toBe('stopped');
    expect(await act('start')).toMatchObject({
      status: 409,
      json: { error: 'illegal_transition', details: { from: 'stopped' } },
    });
    expect((await act('explode')).status).toBe(400);
    const list = await api.call('GET', '/campaigns?state=stopped', { token: agent });
    expect(list.json.items.map((x: { id: number }) => x.id)).toContain(c.id);
    const del = await api.call('DELETE', `/campaigns/${c.id}`, { token: supervisor });
    expect(del.status).toBe(409);
  });

  it('imports a CSV: good rows in, bad rows by line and reason, duplicates merged, DNC left out', async () => {
    const dnc = await api.call('POST', '/dnc', {
      token: agent,
      body: { phone: '139 0000 0003', reason: '客户要求' },
    });
    expect(dnc).toMatchObject({ status: 201, json: { phone: '+8613900000003', added: true } });
    const c = await create(base);
    const csv = [
      '姓名,手机,时区,城市',
      '王芳,13900000001,,上海',
      '李雷,12345,,北京',
      'Zhang Wei,+86 139 0000 0002,Mars/Base,广州',
      '"陈,静",139-0000-0004,America/New_York,纽约',
      '王芳 (2),13900000001,,',
      '赵敏,13900000003,,深圳',
      '孙丽,,,',
    ].join('\n');
    const r = await api.call('POST', `/campaigns/${c.id}/contacts/import`, {
      token: supervisor,
      body: csv,
      headers: CSV_HEADERS,
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ imported: 2, mergedIntoExisting: 0 });
    expect(r.json.rejected.map((x: { line: number }) => x.line)).toEqual([3, 4, 8]);
    expect(r.json.rejected[0].reason).toMatch(/12345/);
    expect(r.json.rejected[1].reason).toMatch(/Mars\/Base/);
    expect(r.json.mergedInFile).toEqual([
      expect.objectContaining({ phone: '+8613900000001', keptLine: 2, mergedLines: [6] }),
    ]);
    expect(r.json.skippedDnc).toEqual([{ phone: '+8613900000003', line: 7 }]);
    const contacts = await api.call('GET', `/campaigns/${c.id}/contacts`, { token: agent });
    expect(
      contacts.json.items.map((x: { name: string; timezone: string }) => [x.name, x.timezone]),
    ).toEqual([
      ['王芳', 'Asia/Shanghai'],
      ['陈,静', 'America/New_York'],
    ]);
    // The same file again: nothing new, both numbers merged into their contacts.
    const again = await api.call('POST', `/campaigns/${c.id}/contacts/import`, {
      token: supervisor,
      body: csv,
      headers: CSV_HEADERS,
    });
    expect(again.json).toMatchObject({ imported: 0, mergedIntoExisting: 2 });

    const stats = await api.call('GET', `/campaigns/${c.id}/stats`, { token: agent });
    expect(stats.json).toMatchObject({
      dialed: 0,
      contactsRemaining: 2,
      abandonedPercent: 0,
      abandonCapPercent: 3,
      dialRatio: 0,
      floorAt: null,
    });
  });

  it('refuses a file that is not a CSV of contacts as a whole, and an empty body', async () => {
    const c = await create(base);
    const path = `/campaigns/${c.id}/contacts/import`;
    const noPhone = await api.call('POST', path, {
      token: supervisor,
      body: 'name,city\nA,B\n',
      headers: CSV_HEADERS,
    });
    expect(noPhone).toMatchObject({ status: 400, json: { error: 'invalid_csv' } });
    const gbk = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { ...CSV_HEADERS, authorization: `Bearer ${supervisor}` },
      body: new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x0a]),
    });
    expect(gbk.status).toBe(400);
    expect(((await gbk.json()) as { message: string }).message).toMatch(/UTF-8/);
    const json = await api.call('POST', path, { token: supervisor, body: { csv: 'x' } });
    expect(json).toMatchObject({ status: 400, json: { details: [{ path: 'body' }] } });
  });

  it('keeps the DNC list: CSV import with bad rows, lookup, paging, removal', async () => {
    const r = await api.call('POST', '/dnc/import', {
      token: supervisor,
      body: 'phone,reason\n13700000001,投诉\nabc,\n+86 137 0000 0001,\n13700000002,\n',
      headers: CSV_HEADERS,
    });
    expect(r.json).toMatchObject({
      added: 2,
      alreadyListed: 0,
      duplicatesInFile: 1,
      rejected: [{ line: 3 }],
    });
    const one = await api.call('GET', `/dnc/${encodeURIComponent('+8613700000002')}`, {
      token: agent,
    });
    expect(one.json).toEqual({ phone: '+8613700000002', listed: true });
    const page = await api.call('GET', '/dnc?prefix=86137&limit=1', { token: agent });
    expect(page.json.items.map((e: { phone: string }) => e.phone)).toEqual(['+8613700000001']);
    expect(page.json.nextCursor).toBe('+8613700000001');
    expect((await api.call('DELETE', '/dnc/13700000002', { token: agent })).status).toBe(403);
    expect((await api.call('DELETE', '/dnc/13700000002', { token: supervisor })).status).toBe(204);
    expect((await api.call('DELETE', '/dnc/13700000002', { token: supervisor })).status).toBe(404);
    const bad = await api.call('POST', '/dnc', { token: agent, body: { phone: 'call me' } });
    expect(bad).toMatchObject({ status: 400, json: { details: [{ path: 'phone' }] } });
  });

  it('describes the routes in OpenAPI, the CSV bodies as text/csv', async () => {
    const doc = await api.call('GET', '/openapi.json');
    const paths = doc.json.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/campaigns',
        '/campaigns/{id}',
        '/campaigns/{id}/{action}',
        '/campaigns/{id}/contacts/import',
        '/campaigns/{id}/stats',
        '/dnc',
        '/dnc/import',
        '/dnc/{phone}',
      ]),
    );
    expect(
      Object.keys(paths['/campaigns/{id}/contacts/import'].post.requestBody.content),
    ).toContain('text/csv');
    expect(
      paths['/campaigns'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('callingHours');
  });
});

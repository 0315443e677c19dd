import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('recorded calls search on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  const clock = new TestClock();
  const t0 = clock.now().getTime();

  beforeAll(async () => {
    db = await backend.open('crm_recordings');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    const r = await crm.customers.create({ name: '周_明', phones: [{ number: '13022223333' }] });
    if (r.status !== 'created') throw new Error('setup');
    const agent = await crm.users.create({
      username: 'rec-agent',
      displayName: 'Recording Agent',
      role: 'agent',
      password: 'long enough password',
    });
    const call = (id: string, atMs: number, extra: object) =>
      crm.interactions.upsertByCallId(id, {
        kind: 'inbound_call',
        direction: 'inbound',
        arrivedAt: new Date(atMs),
        callerNumber: '+8613022223333',
        queue: 'billing',
        ...extra,
      });
    await call('rec-1', t0 - 2 * HOUR, {
      customerId: r.customer.id,
      agentId: agent.id,
      recording: { name: 'rec-1', durationSeconds: 95 },
    });
    await call('rec-2', t0 - HOUR, { recording: { name: 'rec-2', durationSeconds: 30 } });
    await call('no-rec', t0 - HOUR, {});
    await call('old', t0 - 48 * HOUR, { recording: { name: 'old', durationSeconds: 5 } });
  });
  afterAll(() => db.close());

  const from = () => new Date(t0 - 24 * HOUR);
  const to = () => new Date(t0);

  it('lists recorded calls in the window, newest first, with customer and agent names', async () => {
    const items = await crm.interactions.searchRecordings({
      from: from(),
      to: to(),
      q: null,
      limit: 10,
    });
    expect(items.map((i) => i.callId)).toEqual(['rec-2', 'rec-1']);
    expect(items[1]).toMatchObject({
      recordingName: 'rec-1',
      durationSeconds: 95,
      customerName: '周_明',
      agentName: 'Recording Agent',
      queue: 'billing',
    });
  });

  it('matches a name or number literally, wildcards included', async () => {
    const search = (q: string) =>
      crm.interactions.searchRecordings({ from: from(), to: to(), q, limit: 10 });
    expect((await search('周_')).map((i) => i.callId)).toEqual(['rec-1']);
    expect((await search('周%')).map((i) => i.callId)).toEqual([]);
    expect((await search('recording agent')).map((i) => i.callId)).toEqual(['rec-1']);
    expect((await search('3022223333')).map((i) => i.callId)).toEqual(['rec-2', 'rec-1']);
    expect(
      await crm.interactions.searchRecordings({ from: from(), to: to(), q: null, limit: 1 }),
    ).toHaveLength(1);
  });
});

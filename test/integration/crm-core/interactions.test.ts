import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { backends, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('interactions on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  let customerId: number;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_interactions');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    const r = await crm.customers.create({ name: 'Caller', phones: [{ number: '13100000001' }] });
    if (r.status !== 'created') throw new Error('setup');
    customerId = r.customer.id;
  });
  afterAll(() => db.close());

  const countByCallId = async (callId: string) =>
    Number(
      (
        (await db.knex('interactions').where({ call_id: callId }).count({ n: '*' }).first()) as {
          n: string;
        }
      ).n,
    );

  it('fills one row step by step as the call goes on', async () => {
    const t0 = clock.now();
    await crm.interactions.upsertByCallId('call-1', {
      direction: 'inbound',
      callerNumber: '+8613100000001',
      arrivedAt: t0,
      ivrPath: ['welcome', { menu: 'main', digit: '2' }],
    });
    await crm.interactions.upsertByCallId('call-1', {
      queue: 'billing',
      queuedAt: new Date(t0.getTime() + 5000),
    });
    const done = await crm.interactions.upsertByCallId('call-1', {
      customerId,
      answeredAt: new Date(t0.getTime() + 17000),
      endedAt: new Date(t0.getTime() + 200000),
      waitSeconds: 12,
      talkSeconds: 183,
      wrapupSeconds: 30,
      disposition: 'resolved',
      recording: {
        name: 'rec/call-1',
        durationSeconds: 183,
        pauses: [{ offsetSeconds: 40, durationSeconds: 25 }],
      },
    });
    expect(done).toMatchObject({
      callId: 'call-1',
      kind: 'inbound_call',
      customerId,
      queue: 'billing',
      ivrPath: ['welcome', { menu: 'main', digit: '2' }],
      waitSeconds: 12,
      recording: {
        name: 'rec/call-1',
        durationSeconds: 183,
        pauses: [{ offsetSeconds: 40, durationSeconds: 25 }],
      },
      abandoned: false,
    });
    expect(done.arrivedAt.getTime()).toBe(t0.getTime());
    expect(await countByCallId('call-1')).toBe(1);
  });

  it('keeps every recording segment of a call bridged more than once, and reads a one-file row as one segment', async () => {
    const first = { name: 'call-9', durationSeconds: 40, pauses: [] };
    const second = {
      name: 'call-9-7',
      durationSeconds: 65,
      pauses: [{ offsetSeconds: 10, durationSeconds: 20 }],
    };
    const row = await crm.interactions.upsertByCallId('call-9', {
      recording: { ...first, segments: [first, second] },
    });
    expect(row.recording).toEqual({ ...first, segments: [first, second] });
    expect((await crm.interactions.findByCallId('call-9'))?.recording?.segments).toEqual([
      first,
      second,
    ]);
    const single = await crm.interactions.upsertByCallId('call-10', {
      recording: { name: 'call-10', durationSeconds: 12 },
    });
    expect(single.recording).toEqual({
      name: 'call-10',
      durationSeconds: 12,
      pauses: [],
      segments: [{ name: 'call-10', durationSeconds: 12, pauses: [] }],
    });
  });

  it('never makes a second row when the same write is retried, even at the same time', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        crm.interactions.upsertByCallId('call-retry', { queue: 'general', notes: `try ${i}` }),
      ),
    );
    expect(await countByCallId('call-retry')).toBe(1);
  });

  it('writes a batch with repeated call ids and different fields in few statements', async () => {
    const n = await crm.interactions.upsertMany([
      { callId: 'b-1', patch: { queue: 'q', abandoned: true } },
      { callId: 'b-2', patch: { queue: 'q' } },
      { callId: 'b-1', patch: { waitSeconds: 44 } },
      { callId: 'b-3', patch: {} },
    ]);
    expect(n).toBe(3);
    const b1 = await crm.interactions.findByCallId('b-1');
    expect(b1).toMatchObject({ queue: 'q', abandoned: true, waitSeconds: 44 });
    await crm.interactions.upsertMany([{ callId: 'b-1', patch: { disposition: 'callback' } }]);
    expect(await crm.interactions.findByCallId('b-1')).toMatchObject({
      waitSeconds: 44,
      disposition: 'callback',
    });
    expect(await countByCallId('b-1')).toBe(1);
  });

  it('refuses an unknown field, a negative duration and an unknown customer', async () => {
    await expect(
      crm.interactions.upsertByCallId('bad-1', { colour: 'red' } as never),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      crm.interactions.upsertByCallId('bad-2', { talkSeconds: -1 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'talkSeconds' }],
    });
    await expect(
      crm.interactions.upsertByCallId('bad-3', { customerId: 987654 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'customerId' }],
    });
    await expect(crm.interactions.upsertByCallId('', {})).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await countByCallId('bad-2')).toBe(0);
  });

  it('records a note on a customer file outside any call', async () => {
    const note = await crm.interactions.createNote({
      customerId,
      notes: 'Asked about the new plan',
    });
    expect(note).toMatchObject({ kind: 'note', direction: 'internal', callId: null, customerId });
    expect((await crm.interactions.get(note.id)).notes).toBe('Asked about the new plan');
  });
});

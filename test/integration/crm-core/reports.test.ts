import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { backends, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('historical reports on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  let agentA: number;
  let agentB: number;
  const clock = new TestClock();
  const from = new Date('2025-03-03T00:00:00Z');
  const to = new Date('2025-03-04T00:00:00Z');

  beforeAll(async () => {
    db = await backend.open('crm_reports');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    agentA = (
      await crm.users.create({
        username: 'ra',
        displayName: 'A',
        role: 'agent',
        password: 'password1',
      })
    ).id;
    agentB = (
      await crm.users.create({
        username: 'rb',
        displayName: 'B',
        role: 'agent',
        password: 'password1',
      })
    ).id;
    const at = (min: number) => new Date(from.getTime() + min * 60_000);
    const answered = (
      id: string,
      queue: string,
      agent: number,
      wait: number,
      talk: number,
      wrap: number,
    ) => ({
      callId: id,
      patch: {
        queue,
        agentId: agent,
        arrivedAt: at(60),
        queuedAt: at(60),
        offeredAt: at(60),
        answeredAt: new Date(at(60).getTime() + wait * 1000),
        waitSeconds: wait,
        talkSeconds: talk,
        wrapupSeconds: wrap,
      },
    });
    await crm.interactions.upsertMany([
      answered('r1', 'billing', agentA, 10, 100, 20),
      answered('r2', 'billing', agentA, 30, 200, 40),
      answered('r3', 'billing', agentB, 5, 60, 0),
      {
        callId: 'r4',
        patch: {
          queue: 'billing',
          arrivedAt: at(70),
          queuedAt: at(70),
          abandoned: true,
          waitSeconds: 50,
        },
      },
      answered('r5', 'vip', agentB, 2, 300, 60),
      // Outside the interval, and a note: neither counts.
      {
        callId: 'r6',
        patch: { queue: 'billing', arrivedAt: at(-10), queuedAt: at(-10), abandoned: true },
      },
    ]);
    await crm.interactions.upsertByCallId('r7', {
      queue: 'billing',
      arrivedAt: at(80),
      queuedAt: at(80),
      offeredAt: at(80),
      answeredAt: new Date(at(80).getTime() + 15_000),
      endedAt: new Date(at(80).getTime() + 75_000),
      agentId: agentA,
    });
  });
  afterAll(() => db.close());

  it('counts offered, answered, abandoned, service level, ASA and AHT per queue', async () => {
    const rows = await crm.reports.queues({ from, to, threshold: 20 });
    expect(rows).toEqual([
      {
        key: 'billing',
        offered: 5,
        answered: 4,
        abandoned: 1,
        // r1 (10 s), r3 (5 s) and r7 (15 s, from its timestamps) are within 20 s.
        answeredWithinThreshold: 3,
        serviceLevel: 0.6,
        asa: 15, // (10 + 30 + 5 + 15) / 4
        aht: 120, // (120 + 240 + 60 + 60) / 4
      },
      {
        key: 'vip',
        offered: 1,
        answered: 1,
        abandoned: 0,
        answeredWithinThreshold: 1,
        serviceLevel: 1,
        asa: 2,
        aht: 360,
      },
    ]);
  });

  it('groups the same calls by agent', async () => {
    const rows = await crm.reports.agents({
      from: from.toISOString(),
      to: to.toISOString(),
      threshold: '12',
    });
    expect(
      rows.map((r) => [r.key, r.offered, r.answered, r.answeredWithinThreshold, r.aht]),
    ).toEqual([
      [String(agentA), 3, 3, 1, 140],
      [String(agentB), 2, 2, 2, 210],
    ]);
  });

  it('writes the figures as CSV with a header', async () => {
    const csv = crm.reports.toCsv(await crm.reports.queues({ from, to }));
    expect(csv.split('\r\n')).toEqual([
      'key,offered,answered,abandoned,answeredWithinThreshold,serviceLevel,asa,aht',
      'billing,5,4,1,3,0.6,15,120',
      'vip,1,1,0,1,1,2,360',
      '',
    ]);
  });

  it('refuses an interval that ends before it starts', async () => {
    await expect(crm.reports.queues({ from: to, to: from })).rejects.toMatchObject({
      code: 'invalid_input',
      details: [{ path: 'to' }],
    });
  });
});

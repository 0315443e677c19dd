import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { createJobRunner, type JobRunner } from '../../../server/jobs/index.js';
import { createLogger } from '../../../server/logger.js';
import {
  MAINTENANCE_JOBS,
  MAINTENANCE_QUEUE,
  startCrmMaintenance,
  type MaintenanceResult,
} from '../../../server/wiring/crm-maintenance.js';
import { createTestDatabase, type TestDatabase } from '../../support/pg.js';
import { createTestRedis, type TestRedis } from '../../support/redis.js';
import { until } from '../../e2e/telephony/helpers.js';

const HOUR = 3600_000;
/** Short enough that a test waits a fraction of a second for the next tick. */
const TICK_MS = 150;

describe('CRM maintenance on BullMQ (server/jobs)', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let jobs: JobRunner;
  let crm: Crm;
  /** The same database seen two days ago: what it writes is already old for `crm`. */
  let past: Crm;
  const metrics = new Registry();

  beforeAll(async () => {
    db = await createTestDatabase('jobs_maintenance');
    redis = createTestRedis('jobs_maintenance');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { defaultRegion: 'CN' });
    past = createCrm(db.knex, {
      defaultRegion: 'CN',
      now: () => new Date(Date.now() - 48 * HOUR),
    });
    jobs = createJobRunner({
      connect: (_role, options) => redis.connect(options),
      prefix: `${redis.prefix}bull`,
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await jobs?.close();
    await redis?.drop();
    await db?.drop();
  });

  it('purges expired sessions, expires overdue callbacks and counts overdue complaints', async () => {
    const user = await crm.users.create({
      username: 'maint1',
      displayName: 'Maintenance Agent',
      role: 'agent',
      password: 'long-enough-password',
    });
    const old = await past.sessions.create(user.id);
    const live = await crm.sessions.create(user.id);
    const created = await crm.customers.create({
      name: 'Overdue Caller',
      phones: [{ number: '13055556666' }],
    });
    if (created.status !== 'created') throw new Error('setup: customer');
    const customerId = created.customer.id;
    const lateCallback = await crm.callbacks.create({
      phone: '13055556666',
      origin: 'ivr',
      queue: 'support',
      earliest: new Date(Date.now() - 3 * HOUR),
      latest: new Date(Date.now() - HOUR),
    });
    const openCallback = await crm.callbacks.create({
      phone: '13055556666',
      origin: 'agent',
      queue: 'billing',
    });
    const late = await past.complaints.create({
      customerId,
      category: 'network',
      severity: 'high',
      subject: 'No signal for two days',
    });
    const timely = await crm.complaints.create({
      customerId,
      category: 'network',
      severity: 'low',
      subject: 'Slow data',
    });
    const sessionRows = async () => (await db.knex('sessions').select('id')).length;
    expect(await sessionRows()).toBe(2);

    await startCrmMaintenance({
      jobs,
      crm,
      logger: createLogger('silent'),
      metrics,
      schedule: {
        sessionsPurgeMs: TICK_MS,
        callbacksExpireMs: TICK_MS,
        complaintsOverdueMs: TICK_MS,
      },
    });

    await until('the expired session purged', async () => (await sessionRows()) === 1);
    expect(await crm.sessions.verify(live.token)).not.toBeNull();
    expect(await crm.sessions.verify(old.token)).toBeNull();

    await until(
      'the late callback expired',
      async () => (await crm.callbacks.get(lateCallback.id)).status === 'expired',
    );
    expect((await crm.callbacks.get(openCallback.id)).status).toBe('pending');

    const queue = jobs.queue<Record<string, never>, MaintenanceResult>(MAINTENANCE_QUEUE);
    const overdueRun = await until('an overdue-complaints run', async () =>
      (await queue.getCompleted()).find((j) => j.name === MAINTENANCE_JOBS.complaintsOverdue),
    );
    expect(overdueRun.returnvalue.tickets).toEqual([late.ticketNumber]);
    expect(overdueRun.returnvalue.tickets).not.toContain(timely.ticketNumber);
    const gauge = await metrics.getSingleMetric('cc_crm_complaints_overdue')?.get();
    expect(gauge?.values[0]?.value).toBe(1);
  });

  it('keeps one scheduler per job, under the runner prefix, however often it is upserted', async () => {
    // A second node (or a restart) upserts the same schedulers again.
    await startCrmMaintenance({
      jobs,
      crm,
      logger: createLogger('silent'),
      schedule: { sessionsPurgeMs: 60_000 },
    });
    const queue = jobs.queue(MAINTENANCE_QUEUE);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(Object.values(MAINTENANCE_JOBS).sort());
    expect(schedulers.find((s) => s.key === MAINTENANCE_JOBS.sessionsPurge)?.every).toBe(60_000);
    const keys = await redis.redis.keys(`${redis.prefix}bull:${MAINTENANCE_QUEUE}:*`);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('closes workers and queues, and refuses new ones afterwards', async () => {
    const extra = jobs.worker('closing-probe', () => Promise.resolve('done'));
    await jobs.close();
    expect(extra.isRunning()).toBe(false);
    expect(() => jobs.queue('after-close')).toThrow(/closed/);
    await jobs.close();
  });
});

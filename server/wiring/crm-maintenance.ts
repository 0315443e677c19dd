import type { Job } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Crm } from '../../crm-core/index.js';
import type { JobRunner } from '../jobs/index.js';
import type { Logger } from '../logger.js';

/**
 * The CRM's housekeeping as BullMQ job schedulers on the queue `crm-maintenance`. Every server
 * node upserts the same schedulers (an upsert of an existing id only updates it) and runs a
 * worker; BullMQ hands each tick to one worker, so a tick runs once however many nodes there are.
 */
export const MAINTENANCE_QUEUE = 'crm-maintenance';

export const MAINTENANCE_JOBS = {
  /** Sessions that expired or were revoked more than a day ago are deleted. */
  sessionsPurge: 'crm-sessions-purge',
  /** Pending or scheduled callbacks whose window has closed become `expired`. */
  callbacksExpire: 'crm-callbacks-expire',
  /** Open complaints past their due time are counted (gauge) and logged by ticket number. */
  complaintsOverdue: 'crm-complaints-overdue',
} as const;
export type MaintenanceJobName = (typeof MAINTENANCE_JOBS)[keyof typeof MAINTENANCE_JOBS];

/** How often each job runs, ms. */
export interface MaintenanceSchedule {
  sessionsPurgeMs: number;
  callbacksExpireMs: number;
  complaintsOverdueMs: number;
}

export const DEFAULT_MAINTENANCE_SCHEDULE: MaintenanceSchedule = {
  sessionsPurgeMs: 60 * 60_000,
  callbacksExpireMs: 60_000,
  complaintsOverdueMs: 5 * 60_000,
};

/** Overdue complaints looked at per run; the gauge says "at least" this many beyond it. */
const OVERDUE_SCAN_LIMIT = 500;
/** Tickets named in the log line and the job result. */
const OVERDUE_TICKETS_SHOWN = 20;

export interface MaintenanceResult {
  /** Rows deleted or changed (sessions, callbacks), or overdue complaints found. */
  count: number;
  tickets?: string[];
}

export interface CrmMaintenanceDeps {
  jobs: JobRunner;
  crm: Crm;
  logger: Logger;
  /** Where the gauges and counters go (the server's /metrics registry). */
  metrics?: Registry;
  schedule?: Partial<MaintenanceSchedule>;
}

export async function startCrmMaintenance(deps: CrmMaintenanceDeps): Promise<void> {
  const log = deps.logger.child({ component: 'crm-maintenance' });
  const schedule = { ...DEFAULT_MAINTENANCE_SCHEDULE, ...deps.schedule };
  const registers = deps.metrics ? [deps.metrics] : [];
  const rows = new Counter({
    name: 'cc_crm_maintenance_rows_total',
    help: 'Rows the CRM maintenance jobs deleted (sessions) or expired (callbacks)',
    labelNames: ['job'] as const,
    registers,
  });
  const overdue = new Gauge({
    name: 'cc_crm_complaints_overdue',
    help: `Open complaints past their due time at the last check (counted up to ${OVERDUE_SCAN_LIMIT})`,
    registers,
  });

  const run: Record<MaintenanceJobName, () => Promise<MaintenanceResult>> = {
    [MAINTENANCE_JOBS.sessionsPurge]: async () => ({
      count: await deps.crm.sessions.purgeExpired(),
    }),
    [MAINTENANCE_JOBS.callbacksExpire]: async () => ({
      count: await deps.crm.callbacks.expireOverdue(),
    }),
    [MAINTENANCE_JOBS.complaintsOverdue]: async () => {
      const list = await deps.crm.complaints.listOverdue(OVERDUE_SCAN_LIMIT);
      overdue.set(list.length);
      const tickets = list.slice(0, OVERDUE_TICKETS_SHOWN).map((c) => c.ticketNumber);
      if (list.length)
        log.warn({ overdue: list.length, tickets }, 'complaints past their due time');
      return { count: list.length, tickets };
    },
  };

  const queue = deps.jobs.queue<Record<string, never>, MaintenanceResult>(MAINTENANCE_QUEUE);
  deps.jobs.worker<Record<string, never>, MaintenanceResult>(
    MAINTENANCE_QUEUE,
    async (job: Job<Record<string, never>, MaintenanceResult>) => {
      const task = run[job.name as MaintenanceJobName] as
        (typeof run)[MaintenanceJobName] | undefined;
      if (!task) throw new Error(`unknown maintenance job ${job.name}`);
      const result = await task();
      if (job.name !== MAINTENANCE_JOBS.complaintsOverdue)
        rows.inc({ job: job.name }, result.count);
      if (result.count) log.info({ job: job.name, count: result.count }, 'maintenance done');
      return result;
    },
  );

  const every: Record<MaintenanceJobName, number> = {
    [MAINTENANCE_JOBS.sessionsPurge]: schedule.sessionsPurgeMs,
    [MAINTENANCE_JOBS.callbacksExpire]: schedule.callbacksExpireMs,
    [MAINTENANCE_JOBS.complaintsOverdue]: schedule.complaintsOverdueMs,
  };
  for (const [name, ms] of Object.entries(every)) {
    // The scheduler id is the job name: one scheduler per job, upserted on every start.
    await queue.upsertJobScheduler(
      name,
      { every: ms },
      {
        name,
        data: {},
        // A failed tick is not retried: the next tick does the same work.
        opts: { removeOnComplete: { count: 20 }, removeOnFail: { count: 100 } },
      },
    );
  }
  log.debug({ schedule }, 'maintenance schedulers upserted');
}

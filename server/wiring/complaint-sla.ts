import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { Complaint, Crm } from '../../crm-core/index.js';
import type { ConsoleNotification } from '../contracts/index.js';
import type { NotificationTarget } from '../gateway/index.js';
import type { JobRunner } from '../jobs/index.js';
import { jobId } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { CrmChangeFeed } from './crm-changes.js';

/**
 * Complaint deadlines (control points) on BullMQ, queue `complaint-sla`. Each open complaint
 * has two delayed jobs whose ids carry its id and due time, so arming twice (every node at
 * start, a repeated API call) adds them once:
 * - `complaint-<id>-warn-<dueMs>` at `warnAt` (80 %) of the time from opening to due: the
 *   assignee and the supervisors get a console notification, the history an entry;
 * - `complaint-<id>-breach-<dueMs>` at the due time: escalated one level, flagged
 *   (`slaBreachedAt`, shown on the wallboard), the same people notified.
 * Resolving or closing removes both; a job that fires anyway (removed too late) finds the
 * complaint no longer open and does nothing. The marks are set once in PostgreSQL, so a job run
 * twice alerts once. Delayed jobs live in Redis, and every start re-arms from the open
 * complaints, so timers survive restarts and a flushed Redis.
 */
export const SLA_QUEUE = 'complaint-sla';

export interface ComplaintSlaOptions {
  /** Share of the time from opening to due at which the warning goes out. */
  warnAt: number;
  workers: boolean;
}

const DEFAULTS: ComplaintSlaOptions = { warnAt: 0.8, workers: true };

/** Where the alerts go: the console gateway's publisher when the gateway runs. */
export type SlaNotifier = (target: NotificationTarget, notification: ConsoleNotification) => void;

export interface SlaAlert {
  complaintId: number;
  kind: 'warning' | 'breach';
  targets: NotificationTarget[];
  notification: ConsoleNotification;
}

export interface ComplaintSlaWiring {
  /** Arms (open) or clears (resolved, closed) the complaint's timers. */
  sync(complaint: Complaint): Promise<void>;
  /** Every alert sent by this node (reports, tests). */
  onAlert(listener: (alert: SlaAlert) => void): () => void;
}

export interface ComplaintSlaDeps {
  jobs: JobRunner;
  crm: Crm;
  changes: CrmChangeFeed;
  logger: Logger;
  notify?: SlaNotifier;
  options?: Partial<ComplaintSlaOptions>;
}

interface SlaJob {
  kind: 'warn' | 'breach';
  complaintId: number;
  /** The due time the job was armed for (ISO); a different due time makes it stale. */
  dueAt: string;
}

const jobIdOf = (kind: SlaJob['kind'], c: { id: number; dueAt: Date }) =>
  jobId('complaint', c.id, kind, c.dueAt.getTime());

const isOpen = (c: Complaint) => c.status === 'open' || c.status === 'in_progress';

export async function startComplaintSla(deps: ComplaintSlaDeps): Promise<ComplaintSlaWiring> {
  const log = deps.logger.child({ component: 'complaint-sla' });
  const o = { ...DEFAULTS, ...deps.options };
  if (!(o.warnAt > 0 && o.warnAt < 1)) throw new Error(`complaintSla.warnAt must be in (0, 1)`);
  const queue = deps.jobs.queue<SlaJob, string>(SLA_QUEUE, {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
  const listeners = new Set<(a: SlaAlert) => void>();

  /** The complaint's timers still to come, as jobs (none once marked; no warning past due). */
  const timersOf = (c: Complaint, now: number) => {
    const due = c.dueAt.getTime();
    const warnAt = c.createdAt.getTime() + o.warnAt * (due - c.createdAt.getTime());
    const data = { complaintId: c.id, dueAt: c.dueAt.toISOString() };
    const jobs: { name: SlaJob['kind']; data: SlaJob; opts: { jobId: string; delay: number } }[] =
      [];
    if (!c.slaWarnedAt && !c.slaBreachedAt && now < due) {
      jobs.push({
        name: 'warn',
        data: { kind: 'warn', ...data },
        opts: { jobId: jobIdOf('warn', c), delay: Math.max(0, warnAt - now) },
      });
    }
    if (!c.slaBreachedAt) {
      jobs.push({
        name: 'breach',
        data: { kind: 'breach', ...data },
        opts: { jobId: jobIdOf('breach', c), delay: Math.max(0, due - now) },
      });
    }
    return jobs;
  };
  // Adding a job whose id exists is a no-op: arming twice (every node, every start) is safe.
  const arm = async (...cs: Complaint[]): Promise<void> => {
    const now = Date.now();
    const jobs = cs.flatMap((c) => timersOf(c, now));
    if (jobs.length) await queue.addBulk(jobs);
  };
  const disarm = async (c: Complaint): Promise<void> => {
    await queue.remove(jobIdOf('warn', c));
    await queue.remove(jobIdOf('breach', c));
  };
  const sync = (c: Complaint) => (isOpen(c) ? arm(c) : disarm(c));

  const alert = (c: Complaint, kind: SlaAlert['kind']): void => {
    const notification: ConsoleNotification = {
      id: randomUUID(),
      kind: kind === 'warning' ? 'complaint_sla_warning' : 'complaint_sla_breached',
      severity: kind === 'warning' ? 'warning' : 'critical',
      at: new Date().toISOString(),
      params: {
        complaintId: String(c.id),
        ticket: c.ticketNumber,
        subject: c.subject,
        dueAt: c.dueAt.toISOString(),
        level: String(c.escalationLevel),
      },
    };
    const targets: NotificationTarget[] = [{ supervisors: true }];
    if (c.assigneeId !== null) targets.push({ userId: String(c.assigneeId) });
    for (const t of targets) deps.notify?.(t, notification);
    for (const l of listeners) l({ complaintId: c.id, kind, targets, notification });
    log.warn({ complaintId: c.id, ticket: c.ticketNumber, kind }, 'complaint SLA alert');
  };

  const run = async (job: Job<SlaJob, string>): Promise<string> => {
    const { kind, complaintId } = job.data;
    const dueAt = new Date(job.data.dueAt);
    const at = dueAt.toISOString();
    const marked =
      kind === 'warn'
        ? await deps.crm.complaints.markSlaWarning(
            complaintId,
            dueAt,
            `SLA warning: ${Math.round(o.warnAt * 100)}% of the time used, due ${at}`,
          )
        : await deps.crm.complaints.markSlaBreached(
            complaintId,
            dueAt,
            `SLA breached (due ${at}): escalated one level`,
          );
    // Resolved, closed, a different due time, or already marked: nothing to say.
    if (!marked) return 'nothing to do';
    alert(marked, kind === 'warn' ? 'warning' : 'breach');
    return kind === 'warn' ? 'warned' : `escalated to level ${marked.escalationLevel}`;
  };
  if (o.workers) deps.jobs.worker<SlaJob, string>(SLA_QUEUE, run, { concurrency: 4 });

  deps.changes.subscribe({ complaintChanged: sync });

  let armed = 0;
  for (let after = 0; ;) {
    const page = await deps.crm.complaints.listOpen(500, after);
    await arm(...page);
    armed += page.length;
    const last = page[page.length - 1];
    if (!last || page.length < 500) break;
    after = last.id;
  }
  if (armed) log.info({ complaints: armed }, 'complaint SLA timers re-armed');

  return {
    sync,
    onAlert(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

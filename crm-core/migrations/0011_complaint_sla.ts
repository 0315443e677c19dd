import { runAll, type CrmMigration } from './types.js';

/**
 * The SLA timers' marks on a complaint: when the 80 % warning went out and when the due time
 * was breached (escalated one level, flagged for the wallboard). Each is set once, so a timer
 * that fires twice (a retried job, two nodes) alerts and escalates once.
 */
export const m0011ComplaintSla: CrmMigration = {
  name: '0011_complaint_sla',
  up: (knex) =>
    runAll(knex, [
      `alter table complaints add column sla_warned_at timestamptz`,
      `alter table complaints add column sla_breached_at timestamptz`,
      `create index complaints_breached_idx on complaints (sla_breached_at)
        where sla_breached_at is not null and status in ('open', 'in_progress')`,
    ]),
  down: (knex) =>
    runAll(knex, [
      'drop index complaints_breached_idx',
      'alter table complaints drop column sla_breached_at',
      'alter table complaints drop column sla_warned_at',
    ]),
};

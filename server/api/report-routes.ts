import { z } from 'zod';
import { AuditListQuery, ReportQuery, type StatsRow } from '../../crm-core/index.js';
import type { Response } from 'express';
import type { CrmApiDeps } from './deps.js';
import { route, type Route } from './route.js';

const LEADS = ['supervisor', 'admin'] as const;

const ReportParams = z.object({ format: z.enum(['json', 'csv']).default('json') }).and(ReportQuery);

export function reportRoutes({ crm }: CrmApiDeps): Route[] {
  const answer = (
    res: Response,
    q: z.output<typeof ReportParams>,
    name: string,
    rows: StatsRow[],
  ) => {
    if (q.format === 'csv') {
      const day = q.from.toISOString().slice(0, 10);
      res
        .type('text/csv; charset=utf-8')
        .attachment(`${name}-${day}.csv`)
        .send(crm.reports.toCsv(rows));
      return undefined;
    }
    return { from: q.from, to: q.to, threshold: q.threshold, rows };
  };
  return [
    route({
      method: 'get',
      path: '/reports/queues',
      tag: 'reports',
      summary:
        'Per queue, for calls that arrived in [from, to): offered, answered, abandoned, ' +
        'service level (answered within threshold seconds, default 20), ASA, AHT. ' +
        '?format=csv gives CSV.',
      access: LEADS,
      query: ReportParams,
      async handle({ query, res }) {
        return answer(res, query, 'queues', await crm.reports.queues(query));
      },
    }),
    route({
      method: 'get',
      path: '/reports/agents',
      tag: 'reports',
      summary: 'The same figures per agent (key is the user id). ?format=csv gives CSV.',
      access: LEADS,
      query: ReportParams,
      async handle({ query, res }) {
        return answer(res, query, 'agents', await crm.reports.agents(query));
      },
    }),
    route({
      method: 'get',
      path: '/audit',
      tag: 'audit',
      summary: 'The audit log, newest first, by entity, actor, action and time.',
      access: LEADS,
      query: AuditListQuery,
      handle: ({ query }) => crm.audit.list(query),
    }),
  ];
}

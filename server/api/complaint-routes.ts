import { z } from 'zod';
import {
  ComplaintCreateInput,
  ComplaintListQuery,
  ComplaintTransitionInput,
  ComplaintUpdateInput,
  TicketNumberInput,
} from '../../crm-core/index.js';
import { HttpError } from '../http/errors.js';
import type { CrmApiDeps } from './deps.js';
import { IdParams, route, type Route } from './route.js';

const STAFF = ['agent', 'supervisor', 'admin'] as const;
const LEADS = ['supervisor', 'admin'] as const;

export function complaintRoutes({ crm, changes }: CrmApiDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/complaints/categories',
      tag: 'complaints',
      summary: 'Complaint categories with their SLA in hours.',
      access: 'any',
      handle: async () => ({ items: await crm.complaints.categories() }),
    }),
    route({
      method: 'post',
      path: '/complaints',
      tag: 'complaints',
      summary:
        "Open a complaint. Its due time is the category's SLA times the customer tier's SLA " +
        'factor; its ticket is 8 digits with a check digit.',
      access: STAFF,
      body: ComplaintCreateInput,
      status: 201,
      async handle({ body, actorId }) {
        const c = await crm.complaints.create(body, actorId);
        await crm.audit.record({
          actorId,
          action: 'complaint.create',
          entity: 'complaint',
          entityId: c.id,
          details: { ticket: c.ticketNumber, customerId: c.customerId },
        });
        changes?.complaintChanged(c);
        return c;
      },
    }),
    route({
      method: 'get',
      path: '/complaints',
      tag: 'complaints',
      summary: 'List complaints, newest first, by status, customer, assignee or overdue.',
      access: 'any',
      query: ComplaintListQuery,
      handle: ({ query }) => crm.complaints.list(query),
    }),
    route({
      method: 'get',
      path: '/complaints/by-ticket/:ticket',
      tag: 'complaints',
      summary: 'A complaint by the ticket number a caller reads out.',
      access: 'any',
      params: z.object({ ticket: TicketNumberInput }),
      async handle({ params }) {
        const c = await crm.complaints.getByTicket(params.ticket);
        if (!c) throw new HttpError(404, 'not_found', `no complaint has ticket ${params.ticket}`);
        return c;
      },
    }),
    route({
      method: 'get',
      path: '/complaints/:id',
      tag: 'complaints',
      summary: 'A complaint with its status history.',
      access: 'any',
      params: IdParams,
      handle: ({ params }) => crm.complaints.get(params.id),
    }),
    route({
      method: 'patch',
      path: '/complaints/:id',
      tag: 'complaints',
      summary: 'Change severity, assignee, subject or description.',
      access: STAFF,
      params: IdParams,
      body: ComplaintUpdateInput,
      async handle({ params, body, actorId }) {
        const c = await crm.complaints.update(params.id, body);
        await crm.audit.record({
          actorId,
          action: 'complaint.update',
          entity: 'complaint',
          entityId: params.id,
          details: { fields: Object.keys(body) },
        });
        return c;
      },
    }),
    route({
      method: 'post',
      path: '/complaints/:id/transitions',
      tag: 'complaints',
      summary:
        'Move a complaint: open → in_progress → resolved → closed, and resolved or closed → ' +
        'open. Any other move answers 409 illegal_transition with details.allowed.',
      access: STAFF,
      params: IdParams,
      body: ComplaintTransitionInput,
      async handle({ params, body, actorId }) {
        const c = await crm.complaints.transition(params.id, body, actorId);
        await crm.audit.record({
          actorId,
          action: 'complaint.transition',
          entity: 'complaint',
          entityId: params.id,
          details: { to: body.to },
        });
        changes?.complaintChanged(c);
        return c;
      },
    }),
    route({
      method: 'post',
      path: '/complaints/:id/escalate',
      tag: 'complaints',
      summary: 'Raise the escalation level of an open complaint by one.',
      access: LEADS,
      params: IdParams,
      async handle({ params, actorId }) {
        const c = await crm.complaints.escalate(params.id);
        await crm.audit.record({
          actorId,
          action: 'complaint.escalate',
          entity: 'complaint',
          entityId: params.id,
          details: { level: c.escalationLevel },
        });
        return c;
      },
    }),
  ];
}

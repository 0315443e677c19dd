import { z } from 'zod';
import {
  AccountCreateInput,
  CustomerCreateInput,
  CustomerSearchQuery,
  CustomerUpdateInput,
  MergeInput,
  RequiredText,
  TimelineQuery,
} from '../../crm-core/index.js';
import { HttpError } from '../http/errors.js';
import type { CrmApiDeps } from './deps.js';
import { IdParams, route, type Route } from './route.js';

const STAFF = ['agent', 'supervisor', 'admin'] as const;
const LEADS = ['supervisor', 'admin'] as const;

export function customerRoutes({ crm }: CrmApiDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/customers',
      tag: 'customers',
      summary:
        'Search by q (ticket, phone, account number or name), phone (any common format), ' +
        'accountNumber or the start of a name.',
      access: 'any',
      query: CustomerSearchQuery,
      handle: async ({ query }) => ({ items: await crm.customers.search(query) }),
    }),
    route({
      method: 'post',
      path: '/customers',
      tag: 'customers',
      summary:
        'Create a customer. When customers with the same phone or account number or a similar ' +
        'name exist, nothing is created: 409 duplicate_candidates with details.candidates ' +
        '(send force: true to create a namesake anyway).',
      access: STAFF,
      body: CustomerCreateInput,
      status: 201,
      async handle({ body, actorId }) {
        const r = await crm.customers.create(body);
        if (r.status === 'duplicates') {
          throw new HttpError(
            409,
            'duplicate_candidates',
            `${r.candidates.length} existing customer(s) may be the same person; send force: true to create anyway`,
            { candidates: r.candidates },
          );
        }
        await crm.audit.record({
          actorId,
          action: 'customer.create',
          entity: 'customer',
          entityId: r.customer.id,
          details: { forced: body.force },
        });
        return r.customer;
      },
    }),
    route({
      method: 'get',
      path: '/customers/:id',
      tag: 'customers',
      summary: 'A customer with their accounts (the read is audit-logged).',
      access: 'any',
      params: IdParams,
      async handle({ params, actorId }) {
        const customer = await crm.customers.get(params.id);
        const accounts = await crm.accounts.listForCustomer(params.id);
        await crm.audit.record({
          actorId,
          action: 'customer.view',
          entity: 'customer',
          entityId: params.id,
        });
        return { ...customer, accounts };
      },
    }),
    route({
      method: 'patch',
      path: '/customers/:id',
      tag: 'customers',
      summary: 'Change a customer; phones, when given, replace the whole list.',
      access: STAFF,
      params: IdParams,
      body: CustomerUpdateInput,
      async handle({ params, body, actorId }) {
        const customer = await crm.customers.update(params.id, body);
        await crm.audit.record({
          actorId,
          action: 'customer.update',
          entity: 'customer',
          entityId: params.id,
          details: { fields: Object.keys(body) },
        });
        return customer;
      },
    }),
    route({
      method: 'post',
      path: '/customers/:id/merge',
      tag: 'customers',
      summary:
        'Merge customer sourceId into this one: all its interactions, complaints, callbacks, ' +
        'phones and accounts move here, in one transaction, and sourceId disappears.',
      access: LEADS,
      params: IdParams,
      body: MergeInput,
      async handle({ params, body, actorId }) {
        const r = await crm.customers.merge(params.id, body.sourceId, actorId);
        await crm.audit.record({
          actorId,
          action: 'customer.merge',
          entity: 'customer',
          entityId: params.id,
          details: { sourceId: body.sourceId, moved: r.moved },
        });
        return r;
      },
    }),
    route({
      method: 'get',
      path: '/customers/:id/timeline',
      tag: 'customers',
      summary:
        'Interactions, complaints and callbacks, newest first. Pass nextCursor back as cursor ' +
        'for the next page.',
      access: 'any',
      params: IdParams,
      query: TimelineQuery,
      async handle({ params, query, actorId }) {
        const page = await crm.customers.timeline(params.id, query);
        await crm.audit.record({
          actorId,
          action: 'customer.timeline_view',
          entity: 'customer',
          entityId: params.id,
        });
        return page;
      },
    }),
    route({
      method: 'post',
      path: '/customers/:id/notes',
      tag: 'customers',
      summary: 'Add a note to the customer file (an interaction of kind note).',
      access: STAFF,
      params: IdParams,
      body: z.object({ notes: RequiredText(4000) }),
      status: 201,
      async handle({ params, body, actorId }) {
        await crm.customers.get(params.id);
        const note = await crm.interactions.createNote({
          customerId: params.id,
          agentId: actorId,
          notes: body.notes,
        });
        await crm.audit.record({
          actorId,
          action: 'customer.note',
          entity: 'customer',
          entityId: params.id,
          details: { interactionId: note.id },
        });
        return note;
      },
    }),
    route({
      method: 'post',
      path: '/customers/:id/accounts',
      tag: 'customers',
      summary: 'Open an account for IVR self-service (balance as a decimal string).',
      access: LEADS,
      params: IdParams,
      body: AccountCreateInput,
      status: 201,
      async handle({ params, body, actorId }) {
        const account = await crm.accounts.create(params.id, body);
        await crm.audit.record({
          actorId,
          action: 'account.create',
          entity: 'account',
          entityId: account.accountNumber,
          details: { customerId: params.id },
        });
        return account;
      },
    }),
    route({
      method: 'get',
      path: '/screen-pop',
      tag: 'customers',
      summary:
        'Everything about the owner of a phone number: customer, accounts, the last 5 ' +
        'interactions, open complaints and live callbacks. 404 when nobody owns it.',
      access: 'any',
      query: z.object({ phone: RequiredText(40) }),
      async handle({ query, actorId }) {
        const pop = await crm.customers.findForScreenPop(query.phone);
        if (!pop) throw new HttpError(404, 'not_found', 'no customer has this phone number');
        await crm.audit.record({
          actorId,
          action: 'customer.screen_pop',
          entity: 'customer',
          entityId: pop.customer.id,
        });
        return pop;
      },
    }),
    route({
      method: 'get',
      path: '/interactions/:id',
      tag: 'customers',
      summary: 'One interaction; viewing one with a recording is audit-logged as such.',
      access: 'any',
      params: IdParams,
      async handle({ params, actorId }) {
        const interaction = await crm.interactions.get(params.id);
        await crm.audit.record({
          actorId,
          action: interaction.recording ? 'recording.view' : 'interaction.view',
          entity: 'interaction',
          entityId: params.id,
          details: interaction.recording ? { recording: interaction.recording.name } : {},
        });
        return interaction;
      },
    }),
  ];
}

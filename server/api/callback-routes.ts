import { CallbackCreateInput, CallbackListQuery, CancelInput } from '../../crm-core/index.js';
import { cancelCallback } from '../wiring/callback-cancel.js';
import type { CrmApiDeps } from './deps.js';
import { IdParams, route, type Route } from './route.js';

const STAFF = ['agent', 'supervisor', 'admin'] as const;

export function callbackRoutes({ crm, changes }: CrmApiDeps): Route[] {
  return [
    route({
      method: 'post',
      path: '/callbacks',
      tag: 'callbacks',
      summary:
        "Ask for a callback. The window defaults to now until the customer tier's callback " +
        'deadline; a number with a live callback in the queue answers 409 callback_exists.',
      access: STAFF,
      body: CallbackCreateInput,
      status: 201,
      async handle({ body, actorId }) {
        const cb = await crm.callbacks.create(body, actorId);
        await crm.audit.record({
          actorId,
          action: 'callback.create',
          entity: 'callback',
          entityId: cb.id,
          details: { queue: cb.queue, origin: cb.origin },
        });
        changes?.callbackCreated(cb);
        return cb;
      },
    }),
    route({
      method: 'get',
      path: '/callbacks',
      tag: 'callbacks',
      summary: 'List callbacks, newest first, by status, customer, queue or origin.',
      access: 'any',
      query: CallbackListQuery,
      handle: ({ query }) => crm.callbacks.list(query),
    }),
    route({
      method: 'get',
      path: '/callbacks/:id',
      tag: 'callbacks',
      summary: 'A callback with its attempts.',
      access: 'any',
      params: IdParams,
      handle: ({ params }) => crm.callbacks.get(params.id),
    }),
    route({
      method: 'post',
      path: '/callbacks/:id/cancel',
      tag: 'callbacks',
      summary: 'Cancel a pending or scheduled callback; its pending dial job is removed.',
      access: STAFF,
      params: IdParams,
      body: CancelInput,
      handle: ({ params, body, actorId }) =>
        cancelCallback(crm, changes, params.id, { actorId, reason: body.reason }),
    }),
  ];
}

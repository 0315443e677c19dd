import { z } from 'zod';
import {
  StrategyUpdateInput,
  Tier,
  UserCreateInput,
  UserListQuery,
  UserUpdateInput,
} from '../../crm-core/index.js';
import type { CrmApiDeps } from './deps.js';
import { IdParams, route, type Route } from './route.js';

const ADMIN = ['admin'] as const;
const LEADS = ['supervisor', 'admin'] as const;

/** Users and service strategies: supervisors read, administrators write. */
export function adminRoutes({ crm, sessionsEnded }: CrmApiDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/users',
      tag: 'users',
      summary: 'Users with their skills, endpoint and queues.',
      access: LEADS,
      query: UserListQuery,
      handle: async ({ query }) => ({ items: await crm.users.list(query) }),
    }),
    route({
      method: 'get',
      path: '/users/:id',
      tag: 'users',
      summary: 'One user.',
      access: LEADS,
      params: IdParams,
      handle: ({ params }) => crm.users.get(params.id),
    }),
    route({
      method: 'post',
      path: '/users',
      tag: 'users',
      summary: 'Create a user (the password is stored as an argon2id hash).',
      access: ADMIN,
      body: UserCreateInput,
      status: 201,
      async handle({ body, actorId }) {
        const user = await crm.users.create(body);
        await crm.audit.record({
          actorId,
          action: 'user.create',
          entity: 'user',
          entityId: user.id,
          details: { username: user.username, role: user.role },
        });
        return user;
      },
    }),
    route({
      method: 'patch',
      path: '/users/:id',
      tag: 'users',
      summary:
        'Change a user. Skills and queues, when given, replace the lists; disabling a user or ' +
        'changing the password ends their sessions.',
      access: ADMIN,
      params: IdParams,
      body: UserUpdateInput,
      async handle({ params, body, actorId }) {
        const user = await crm.users.update(params.id, body);
        await crm.audit.record({
          actorId,
          action: 'user.update',
          entity: 'user',
          entityId: params.id,
          details: { fields: Object.keys(body) },
        });
        // The CRM revoked the sessions in the same transaction; now their sockets go too.
        if (body.enabled === false) sessionsEnded?.(params.id, 'disabled');
        else if (body.password !== undefined) sessionsEnded?.(params.id, 'revoked');
        return user;
      },
    }),
    route({
      method: 'get',
      path: '/strategies',
      tag: 'strategies',
      summary: 'Service strategy of each customer tier.',
      access: 'any',
      handle: async () => ({ items: await crm.strategies.list() }),
    }),
    route({
      method: 'patch',
      path: '/strategies/:tier',
      tag: 'strategies',
      summary: "Change a tier's queue priority, agent group, SLA factor, callback deadline.",
      access: ADMIN,
      params: z.object({ tier: Tier }),
      body: StrategyUpdateInput,
      async handle({ params, body, actorId }) {
        const s = await crm.strategies.update(params.tier, body, actorId);
        await crm.audit.record({
          actorId,
          action: 'strategy.update',
          entity: 'strategy',
          entityId: params.tier,
          details: { ...body },
        });
        return s;
      },
    }),
  ];
}

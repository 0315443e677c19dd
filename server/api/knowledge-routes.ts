import {
  KnowledgeCreateInput,
  KnowledgeSearchQuery,
  KnowledgeUpdateInput,
  Language,
} from '../../crm-core/index.js';
import type { CrmApiDeps } from './deps.js';
import { IdParams, route, type Route } from './route.js';

const ADMIN = ['admin'] as const;

// The console asks with `lang`; both spellings are accepted.
const SearchQuery = KnowledgeSearchQuery.extend({ lang: Language.optional() }).transform(
  ({ lang, ...q }) => ({ ...q, language: q.language ?? lang }),
);

export function knowledgeRoutes({ crm }: CrmApiDeps): Route[] {
  return [
    route({
      method: 'get',
      path: '/knowledge',
      tag: 'knowledge',
      summary: 'Standard answers and call scripts by words (q), category, language and kind.',
      access: 'any',
      query: SearchQuery,
      handle: async ({ query }) => ({ items: await crm.knowledge.search(query) }),
    }),
    route({
      method: 'get',
      path: '/knowledge/:id',
      tag: 'knowledge',
      summary: 'One knowledge entry.',
      access: 'any',
      params: IdParams,
      handle: ({ params }) => crm.knowledge.get(params.id),
    }),
    route({
      method: 'post',
      path: '/knowledge',
      tag: 'knowledge',
      summary: 'Add a standard answer or a call script.',
      access: ADMIN,
      body: KnowledgeCreateInput,
      status: 201,
      async handle({ body, actorId }) {
        const k = await crm.knowledge.create(body, actorId);
        await crm.audit.record({
          actorId,
          action: 'knowledge.create',
          entity: 'knowledge',
          entityId: k.id,
        });
        return k;
      },
    }),
    route({
      method: 'patch',
      path: '/knowledge/:id',
      tag: 'knowledge',
      summary: 'Change a knowledge entry.',
      access: ADMIN,
      params: IdParams,
      body: KnowledgeUpdateInput,
      async handle({ params, body, actorId }) {
        const k = await crm.knowledge.update(params.id, body, actorId);
        await crm.audit.record({
          actorId,
          action: 'knowledge.update',
          entity: 'knowledge',
          entityId: k.id,
        });
        return k;
      },
    }),
    route({
      method: 'delete',
      path: '/knowledge/:id',
      tag: 'knowledge',
      summary: 'Delete a knowledge entry.',
      access: ADMIN,
      params: IdParams,
      status: 204,
      async handle({ params, actorId }) {
        await crm.knowledge.remove(params.id);
        await crm.audit.record({
          actorId,
          action: 'knowledge.delete',
          entity: 'knowledge',
          entityId: params.id,
        });
        return undefined;
      },
    }),
  ];
}

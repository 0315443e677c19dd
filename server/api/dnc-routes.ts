import { z } from 'zod';
import { DncListQuery, DncReason } from '../../crm-core/index.js';
import { importDncList, normalisePhone } from '../../outbound/index.js';
import { HttpError } from '../http/errors.js';
import { CSV_BODY } from './campaign-import.js';
import type { CrmApiDeps } from './deps.js';
import { route, rawBytes, type Route } from './route.js';

const STAFF = ['agent', 'supervisor', 'admin'] as const;
const LEADS = ['supervisor', 'admin'] as const;

const PhoneParams = z.object({ phone: z.string().trim().min(1).max(40) });
const DncAddBody = z.object({ phone: z.string().trim().min(1).max(40), reason: DncReason });

/** The do-not-call list: numbers no campaign dials, checked at import and again at dial time. */
export function dncRoutes(deps: CrmApiDeps): Route[] {
  const { crm } = deps;
  const region = deps.defaultRegion ?? 'CN';
  const e164 = (raw: string, path: string): string => {
    const r = normalisePhone(raw, region);
    if (r.ok) return r.e164;
    throw new HttpError(400, 'invalid_input', `${path}: ${r.reason}`, [
      { path, message: r.reason },
    ]);
  };
  return [
    route({
      method: 'get',
      path: '/dnc',
      tag: 'dnc',
      summary: 'The do-not-call list in number order; `after` is the last number of a page.',
      access: STAFF,
      query: DncListQuery,
      handle: ({ query }) => crm.dnc.list(query),
    }),
    route({
      method: 'get',
      path: '/dnc/:phone',
      tag: 'dnc',
      summary: 'Whether a number (any written form; "+" as %2B) is on the do-not-call list.',
      access: STAFF,
      params: PhoneParams,
      async handle({ params }) {
        const phone = e164(params.phone, 'phone');
        return { phone, listed: await crm.dnc.has(phone) };
      },
    }),
    route({
      method: 'post',
      path: '/dnc',
      tag: 'dnc',
      summary: 'Put a number on the do-not-call list; its undialed campaign contacts are closed.',
      access: STAFF,
      body: DncAddBody,
      status: 201,
      async handle({ body, actorId }) {
        const phone = e164(body.phone, 'phone');
        const r = await crm.dnc.add([phone], { source: 'api', reason: body.reason, actorId });
        await crm.audit.record({ actorId, action: 'dnc.add', entity: 'dnc', entityId: phone });
        return { phone, added: r.added === 1 };
      },
    }),
    route({
      method: 'post',
      path: '/dnc/import',
      tag: 'dnc',
      summary:
        'Import do-not-call numbers from CSV: a phone column found by its header (other ' +
        'columns ignored) or a bare list of numbers. Bad rows come back with line and reason.',
      access: LEADS,
      rawBody: CSV_BODY,
      async handle({ req, actorId }) {
        const parsed = importDncList(rawBytes(req, CSV_BODY), { defaultRegion: region });
        const r = await crm.dnc.add(parsed.numbers, { source: 'import', actorId });
        await crm.audit.record({
          actorId,
          action: 'dnc.import',
          entity: 'dnc',
          details: { added: r.added, rejected: parsed.rejected.length },
        });
        return {
          added: r.added,
          alreadyListed: r.alreadyListed,
          duplicatesInFile: parsed.duplicates,
          rejected: parsed.rejected,
        };
      },
    }),
    route({
      method: 'delete',
      path: '/dnc/:phone',
      tag: 'dnc',
      summary: 'Take a number off the do-not-call list (its closed contacts stay closed).',
      access: LEADS,
      params: PhoneParams,
      status: 204,
      async handle({ params, actorId }) {
        const phone = e164(params.phone, 'phone');
        await crm.dnc.remove(phone);
        await crm.audit.record({ actorId, action: 'dnc.remove', entity: 'dnc', entityId: phone });
      },
    }),
  ];
}

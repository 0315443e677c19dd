import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { IdParams, route, type Route } from '../api/route.js';
import type { PreviewPort } from './preview.js';
import type { AgentOutcome } from './settle.js';

const STAFF = ['agent', 'supervisor', 'admin'] as const;

const ContactBody = z.object({ contactId: z.number().int().positive() });
const CallParams = z.object({ callId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/) });
const OutcomeBody = z.object({ outcome: z.enum(['wrong_number', 'dnc_request']) });

export interface DialerRouteDeps {
  preview: PreviewPort;
  agentOutcome(callId: string, outcome: AgentOutcome, agentId: number): Promise<boolean>;
}

/** Preview dialing and agents' campaign dispositions, under /api/v1. */
export function dialerRoutes(deps: DialerRouteDeps): Route[] {
  const { preview } = deps;
  /** `{contactId}` of the record held for the calling agent; skip answers nothing (204). */
  const heldRecord = (verb: 'dial' | 'skip', summary: string) =>
    route({
      method: 'post',
      path: `/campaigns/:id/preview/${verb}`,
      tag: 'campaigns',
      summary,
      access: STAFF,
      params: IdParams,
      body: ContactBody,
      handle: ({ params, body, actorId }) =>
        preview[verb](params.id, String(actorId), body.contactId),
    });
  return [
    route({
      method: 'post',
      path: '/campaigns/:id/preview/next',
      tag: 'campaigns',
      summary:
        'Preview mode: the record the calling agent previews (held for them for 5 minutes), ' +
        'or {contact: null} when no contact is callable now.',
      access: STAFF,
      params: IdParams,
      async handle({ params, actorId }) {
        return { contact: await preview.next(params.id, String(actorId)) };
      },
    }),
    heldRecord(
      'dial',
      'Preview mode: dial the held record. The answered call is offered to this agent first.',
    ),
    heldRecord(
      'skip',
      'Preview mode: skip the held record (due again after the no-answer delay); 204.',
    ),
    route({
      method: 'post',
      path: '/campaigns/calls/:callId/outcome',
      tag: 'campaigns',
      summary:
        'An agent’s disposition of a campaign call: wrong_number, or dnc_request ("do not ' +
        'call me": the number goes on the do-not-call list at once).',
      access: STAFF,
      params: CallParams,
      body: OutcomeBody,
      status: 204,
      async handle({ params, body, actorId }) {
        const known = await deps.agentOutcome(params.callId, body.outcome, actorId);
        if (!known) throw new HttpError(404, 'not_found', 'no campaign call with this id');
      },
    }),
  ];
}

import { z } from 'zod';
import {
  CAMPAIGN_STATES,
  CampaignContactListQuery,
  CampaignListQuery,
  type CampaignState,
  type Crm,
} from '../../crm-core/index.js';
import {
  campaignEditable,
  campaignInputSchema,
  canMoveCampaign,
  computeCampaignStats,
  parseCampaign,
} from '../../outbound/index.js';
import type { CampaignStatsView } from '../contracts/index.js';
import { importCampaignContacts, CSV_BODY } from './campaign-import.js';
import type { CampaignFloorSource, CrmApiDeps } from './deps.js';
import { fieldErrors } from './outbound-errors.js';
import { IdParams, route, rawBytes, type Route } from './route.js';

const STAFF = ['agent', 'supervisor', 'admin'] as const;
const LEADS = ['supervisor', 'admin'] as const;

const EDITABLE = CAMPAIGN_STATES.filter(campaignEditable);

/**
 * The supervisor's verbs and the states each may leave. The target's legality is outbound's
 * state machine; the verb narrows it (resume only un-pauses, start only starts a draft).
 */
const ACTIONS = {
  start: { to: 'running', from: ['draft'] },
  pause: { to: 'paused', from: ['running'] },
  resume: { to: 'running', from: ['paused'] },
  stop: { to: 'stopped', from: ['running', 'paused'] },
} as const satisfies Record<string, { to: CampaignState; from: readonly CampaignState[] }>;

const ActionParams = IdParams.extend({ action: z.enum(['start', 'pause', 'resume', 'stop']) });

export function campaignRoutes(deps: CrmApiDeps): Route[] {
  const { crm } = deps;
  const region = deps.defaultRegion ?? 'CN';
  const parse = (body: unknown) => fieldErrors(() => parseCampaign(body, region));
  const audit = (
    actorId: number,
    action: string,
    id: number,
    details: Record<string, unknown> = {},
  ) => crm.audit.record({ actorId, action, entity: 'campaign', entityId: id, details });
  return [
    route({
      method: 'post',
      path: '/campaigns',
      tag: 'campaigns',
      summary:
        'Create a campaign (draft). Calling hours default to 09:00-21:00 on each contact’s own ' +
        'clock; the abandon cap to 3% of live answers over 30 days (jurisdiction presets: US, GB).',
      access: LEADS,
      body: campaignInputSchema,
      status: 201,
      async handle({ body, actorId }) {
        const c = await crm.campaigns.create(parse(body), actorId);
        await audit(actorId, 'campaign.create', c.id, { name: c.name, mode: c.mode });
        return c;
      },
    }),
    route({
      method: 'get',
      path: '/campaigns',
      tag: 'campaigns',
      summary: 'List campaigns, newest first, by state.',
      access: 'any',
      query: CampaignListQuery,
      handle: ({ query }) => crm.campaigns.list(query),
    }),
    route({
      method: 'get',
      path: '/campaigns/:id',
      tag: 'campaigns',
      summary: 'A campaign.',
      access: 'any',
      params: IdParams,
      handle: ({ params }) => crm.campaigns.get(params.id),
    }),
    route({
      method: 'put',
      path: '/campaigns/:id',
      tag: 'campaigns',
      summary: 'Replace the definition of a draft or paused campaign (409 otherwise).',
      access: LEADS,
      params: IdParams,
      body: campaignInputSchema,
      async handle({ params, body, actorId }) {
        const c = await crm.campaigns.update(params.id, parse(body), EDITABLE);
        await audit(actorId, 'campaign.update', c.id);
        return c;
      },
    }),
    route({
      method: 'delete',
      path: '/campaigns/:id',
      tag: 'campaigns',
      summary: 'Delete a draft campaign with its contacts (a campaign that dialed is kept).',
      access: LEADS,
      params: IdParams,
      status: 204,
      async handle({ params, actorId }) {
        await crm.campaigns.remove(params.id, ['draft']);
        await audit(actorId, 'campaign.delete', params.id);
      },
    }),
    route({
      method: 'post',
      path: '/campaigns/:id/:action',
      tag: 'campaigns',
      summary:
        'start (draft → running), pause (running → paused), resume (paused → running) or stop ' +
        '(running | paused → stopped, final). 409 illegal_transition from any other state.',
      access: LEADS,
      params: ActionParams,
      async handle({ params, actorId }) {
        const a = ACTIONS[params.action];
        const from = a.from.filter((s) => canMoveCampaign(s, a.to));
        const c = await crm.campaigns.move(params.id, from, a.to);
        await audit(actorId, `campaign.${params.action}`, c.id);
        return c;
      },
    }),
    route({
      method: 'post',
      path: '/campaigns/:id/contacts/import',
      tag: 'campaigns',
      summary:
        'Import a contact list (CSV, UTF-8). Good rows are imported and bad rows reported with ' +
        'their line and reason; numbers are normalised to E.164, duplicates merged, and numbers ' +
        'on the do-not-call list left out. Columns: phone/电话/手机, name/姓名, timezone/时区, ' +
        'account/账号; other columns are kept as data.',
      access: LEADS,
      params: IdParams,
      rawBody: CSV_BODY,
      async handle({ params, req, actorId }) {
        const report = await importCampaignContacts(
          crm,
          params.id,
          rawBytes(req, CSV_BODY),
          region,
        );
        await audit(actorId, 'campaign.import', params.id, {
          imported: report.imported,
          rejected: report.rejected.length,
        });
        return report;
      },
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/contacts',
      tag: 'campaigns',
      summary: 'The contacts of a campaign in import order, by status.',
      access: STAFF,
      params: IdParams,
      query: CampaignContactListQuery,
      async handle({ params, query }) {
        await crm.campaigns.get(params.id);
        return crm.campaignContacts.list(params.id, query);
      },
    }),
    route({
      method: 'get',
      path: '/campaigns/:id/stats',
      tag: 'campaigns',
      summary:
        'Live statistics: dialed, answered, abandoned % (since start and over the cap window), ' +
        "agents' occupancy, contacts remaining, current dial ratio.",
      access: 'any',
      params: IdParams,
      handle: ({ params }) => campaignStats(crm, deps.campaignFloor, params.id),
    }),
  ];
}

/** Typed with the console's contract, so that the two cannot drift apart. */
async function campaignStats(
  crm: Crm,
  floors: CampaignFloorSource | undefined,
  id: number,
): Promise<CampaignStatsView> {
  const c = await crm.campaigns.get(id);
  const [counts, floor] = await Promise.all([
    crm.campaignAttempts.counts(id, c.abandonCap.windowDays),
    floors ? floors.floor(id) : Promise.resolve(null),
  ]);
  const stats = computeCampaignStats({
    outcomes: counts.outcomes,
    agents: floor?.agents ?? [],
    contactsTotal: counts.contactsTotal,
    contactsClosed: counts.contactsClosed,
    // Dialed and not settled yet: lines ringing and calls in progress, as PostgreSQL has them.
    ringingLines: counts.open,
    agentsOnDuty: floor?.agentsOnDuty ?? 0,
    window: counts.window,
  });
  return {
    campaignId: id,
    state: c.state,
    mode: c.mode,
    ...stats,
    // The pacing's own ratio (lines per agent expected free) when the dialer runs.
    dialRatio: floor ? floor.dialRatio : stats.dialRatio,
    agentsOnDuty: floor?.agentsOnDuty ?? 0,
    ringingLines: floor?.ringingLines ?? counts.open,
    abandonCapPercent: c.abandonCap.maxRate * 100,
    abandonWindowDays: c.abandonCap.windowDays,
    outcomes: counts.outcomes,
    floorAt: floor?.at ?? null,
  };
}

import { describe, expect, it } from 'vitest';
import {
  CampaignBoard,
  CampaignDraft,
  campaignActions,
} from '../../../agent-ui/src/lib/campaigns.svelte.js';
import type {
  CampaignStatsView,
  ContactImportReportView,
} from '../../../agent-ui/src/lib/contracts.js';
import { fakeApi } from './support/fake-api.js';
import { campaign } from './support/campaigns.js';

function stats(id: number, over: Partial<CampaignStatsView> = {}): CampaignStatsView {
  return {
    campaignId: id,
    state: 'draft',
    mode: 'progressive',
    dialed: 0,
    answered: 0,
    machines: 0,
    abandoned: 0,
    abandonedPercent: 0,
    windowAbandonedPercent: 0,
    occupancyPercent: 0,
    contactsRemaining: 0,
    dialRatio: 0,
    agentsOnDuty: 0,
    ringingLines: 0,
    abandonCapPercent: 3,
    abandonWindowDays: 30,
    floorAt: null,
    outcomes: {
      answered: 0,
      no_answer: 0,
      busy: 0,
      machine: 0,
      abandoned: 0,
      wrong_number: 0,
      dnc_request: 0,
    },
    ...over,
  };
}

describe('CampaignDraft', () => {
  it('names each field that stops the form from being sent', () => {
    const d = new CampaignDraft();
    expect(d.valid).toBe(false);
    expect(Object.keys(d.problems).sort()).toEqual(['callerId', 'name', 'queueId']);
    d.name = ' Renewals ';
    d.queueId = 'billing';
    d.callerId = '010 8888 0000';
    d.hoursEnd = '25:00';
    d.abandonCapPercent = 0;
    expect(Object.keys(d.problems).sort()).toEqual(['abandonCapPercent', 'hoursEnd']);
    d.hoursEnd = '20:30';
    d.abandonCapPercent = 2.5;
    expect(d.valid).toBe(true);
    expect(d.toInput()).toEqual({
      name: 'Renewals',
      queueId: 'billing',
      mode: 'progressive',
      callerId: '010 8888 0000',
      callingHours: { start: '09:00', end: '20:30' },
      maxAttempts: 3,
      abandonCap: { maxRate: 0.025 },
    });
  });
});

describe('CampaignBoard', () => {
  it('offers only the verbs the state allows', () => {
    expect(campaignActions('draft')).toEqual(['start']);
    expect(campaignActions('running')).toEqual(['pause', 'stop']);
    expect(campaignActions('paused')).toEqual(['resume', 'stop']);
    expect(campaignActions('stopped')).toEqual([]);
  });

  it('lists campaigns, selects the newest and reads its live figures', async () => {
    const { api } = fakeApi({
      'GET /api/v1/campaigns': () => ({
        status: 200,
        body: { items: [campaign(2), campaign(1)], nextCursor: null },
      }),
      'GET /api/v1/campaigns/2/stats': () => ({ status: 200, body: stats(2, { dialed: 7 }) }),
    });
    const board = new CampaignBoard(api);
    await board.load();
    expect(board.selected?.id).toBe(2);
    expect(board.stats.value?.dialed).toBe(7);
  });

  it('creates a campaign from the draft and shows it first', async () => {
    const { api, requests } = fakeApi({
      'GET /api/v1/campaigns': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'POST /api/v1/campaigns': () => ({ status: 201, body: campaign(5) }),
      'GET /api/v1/campaigns/5/stats': () => ({ status: 200, body: stats(5) }),
    });
    const board = new CampaignBoard(api);
    await board.load();
    board.newDraft();
    expect(await board.create()).toBeNull();
    const d = board.draft!;
    d.name = 'Renewals';
    d.queueId = 'billing';
    d.callerId = '+861088880000';
    expect((await board.create())?.id).toBe(5);
    expect(board.draft).toBeNull();
    expect(board.list.value?.map((c) => c.id)).toEqual([5]);
    expect(board.selectedId).toBe(5);
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({ name: 'Renewals' });
  });

  it('keeps the server’s refusal of a verb for the supervisor to read', async () => {
    const { api } = fakeApi({
      'GET /api/v1/campaigns': () => ({
        status: 200,
        body: { items: [campaign(3, 'stopped')], nextCursor: null },
      }),
      'GET /api/v1/campaigns/3/stats': () => ({ status: 200, body: stats(3) }),
      'POST /api/v1/campaigns/3/start': () => ({
        status: 409,
        body: { error: 'illegal_transition', message: 'a stopped campaign cannot start' },
      }),
    });
    const board = new CampaignBoard(api);
    await board.load();
    expect(await board.act('start')).toBeNull();
    expect(board.action.error).toBe('a stopped campaign cannot start');
    expect(board.selected?.state).toBe('stopped');
  });

  it('moves a campaign through its states and updates the list', async () => {
    const { api } = fakeApi({
      'GET /api/v1/campaigns': () => ({
        status: 200,
        body: { items: [campaign(4)], nextCursor: null },
      }),
      'GET /api/v1/campaigns/4/stats': () => ({ status: 200, body: stats(4) }),
      'POST /api/v1/campaigns/4/start': () => ({ status: 200, body: campaign(4, 'running') }),
    });
    const board = new CampaignBoard(api);
    await board.load();
    await board.act('start');
    expect(board.selected?.state).toBe('running');
    expect(board.action.error).toBeNull();
  });

  it('sends the CSV file as it is and keeps the report of bad lines', async () => {
    const report: ContactImportReportView = {
      campaignId: 4,
      imported: 2,
      mergedIntoExisting: 0,
      mergedInFile: [],
      rejected: [{ line: 3, reason: 'phone: not a valid number' }],
      skippedDnc: [],
    };
    const { api, requests } = fakeApi({
      'GET /api/v1/campaigns': () => ({
        status: 200,
        body: { items: [campaign(4)], nextCursor: null },
      }),
      'GET /api/v1/campaigns/4/stats': () => ({ status: 200, body: stats(4) }),
      'POST /api/v1/campaigns/4/contacts/import': () => ({ status: 200, body: report }),
    });
    const board = new CampaignBoard(api);
    await board.load();
    const csv = 'phone,name\n13800138001,张三\nnot-a-number,李四\n';
    expect(await board.importCsv(csv)).toEqual(report);
    expect(board.lastImport?.rejected[0]?.line).toBe(3);
    expect(requests.find((r) => r.url.endsWith('/contacts/import'))?.body).toBe(csv);
  });
});

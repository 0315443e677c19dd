import { describe, expect, it } from 'vitest';
import type { PreviewContactView } from '../../../agent-ui/src/lib/contracts.js';
import { PreviewDialer } from '../../../agent-ui/src/lib/preview-dialer.svelte.js';
import { campaign } from './support/campaigns.js';
import { fakeApi } from './support/fake-api.js';

const contact: PreviewContactView = {
  id: 41,
  campaignId: 7,
  phone: '+8613800138101',
  name: '张三',
  timezone: 'Asia/Shanghai',
  account: '6222020000000101',
  data: { 产品: '宽带' },
  attempts: 1,
  lastOutcome: 'no_answer',
};

const running = () => ({
  status: 200,
  body: {
    items: [campaign(6, 'running', 'progressive'), campaign(7, 'running', 'preview')],
    nextCursor: null,
  },
});

describe('PreviewDialer', () => {
  it('offers only running preview campaigns', async () => {
    const { api, requests } = fakeApi({ 'GET /api/v1/campaigns': running });
    const d = new PreviewDialer(api);
    await d.load();
    expect(d.campaigns.value?.map((c) => c.id)).toEqual([7]);
    expect(d.campaignId).toBe(7);
    expect(requests[0]?.url).toContain('state=running');
  });

  it('shows the next record, then dials it and remembers the call', async () => {
    const { api, requests } = fakeApi({
      'GET /api/v1/campaigns': running,
      'POST /api/v1/campaigns/7/preview/next': () => ({ status: 200, body: { contact } }),
      'POST /api/v1/campaigns/7/preview/dial': () => ({
        status: 200,
        body: { callId: 'cmp-7-41-2' },
      }),
    });
    const d = new PreviewDialer(api);
    await d.load();
    expect((await d.next())?.name).toBe('张三');
    expect(await d.dial()).toBe('cmp-7-41-2');
    expect(d.contact).toBeNull();
    expect(d.dialedCallId).toBe('cmp-7-41-2');
    expect(requests.at(-1)?.body).toEqual({ contactId: 41 });
  });

  it('skips a record, and says so when nothing is callable', async () => {
    let left = 1;
    const { api } = fakeApi({
      'GET /api/v1/campaigns': running,
      'POST /api/v1/campaigns/7/preview/next': () => ({
        status: 200,
        body: { contact: left-- > 0 ? contact : null },
      }),
      'POST /api/v1/campaigns/7/preview/skip': () => ({ status: 204, body: null }),
    });
    const d = new PreviewDialer(api);
    await d.load();
    await d.next();
    expect(await d.skip()).toBe(true);
    expect(d.contact).toBeNull();
    expect(await d.next()).toBeNull();
    expect(d.exhausted).toBe(true);
  });

  it('keeps the record on screen with the server’s reason when a dial is refused', async () => {
    const { api } = fakeApi({
      'GET /api/v1/campaigns': running,
      'POST /api/v1/campaigns/7/preview/next': () => ({ status: 200, body: { contact } }),
      'POST /api/v1/campaigns/7/preview/dial': () => ({
        status: 409,
        body: { error: 'conflict', message: 'this record can no longer be dialed' },
      }),
    });
    const d = new PreviewDialer(api);
    await d.load();
    await d.next();
    expect(await d.dial()).toBeNull();
    expect(d.contact?.id).toBe(41);
    expect(d.action.error).toBe('this record can no longer be dialed');
  });
});

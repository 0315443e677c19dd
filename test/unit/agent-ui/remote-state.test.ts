import { describe, expect, it } from 'vitest';
import { Auth } from '../../../agent-ui/src/lib/auth.svelte.js';
import { CustomerPage, CustomerSearch } from '../../../agent-ui/src/lib/customers.svelte.js';
import { KnowledgePanel } from '../../../agent-ui/src/lib/knowledge.svelte.js';
import { QueueReport } from '../../../agent-ui/src/lib/report.svelte.js';
import { RecordingSearch } from '../../../agent-ui/src/lib/recordings.svelte.js';
import { fakeApi } from './support/fake-api.js';
import { agentUser } from './support/fixtures.js';

describe('Auth', () => {
  it('logs in, then sends the token with later requests', async () => {
    const { api, requests } = fakeApi({
      'POST /api/v1/auth/login': () => ({ status: 200, body: { token: 'tok-1', user: agentUser } }),
      'GET /api/v1/console/me': () => ({ status: 200, body: agentUser }),
    });
    const auth = new Auth(api);
    expect(await auth.login(' a1 ', 'secret')).toBe(true);
    expect(requests[0]?.body).toEqual({ username: 'a1', password: 'secret' });
    expect(auth.user?.displayName).toBe('Zhang Wei');
    expect(auth.token).toBe('tok-1');
  });

  it('says the credentials are wrong without keeping a session', async () => {
    const { api } = fakeApi({
      'POST /api/v1/auth/login': () => ({
        status: 401,
        body: { error: 'invalid_credentials', message: 'wrong username or password' },
      }),
    });
    const auth = new Auth(api);
    expect(await auth.login('a1', 'nope')).toBe(false);
    expect(auth.error).toBe('invalid_credentials');
    expect(auth.user).toBeNull();
  });

  it('finds no session on a 401 from /console/me without reporting an error', async () => {
    const { api } = fakeApi({
      'GET /api/v1/console/me': () => ({
        status: 401,
        body: { error: 'no_session', message: 'x' },
      }),
    });
    const auth = new Auth(api);
    expect(await auth.check()).toBeNull();
    expect(auth.error).toBeNull();
    expect(auth.checking).toBe(false);
  });
});

describe('customer search and page', () => {
  it('searches only with two characters or more', async () => {
    const { api, requests } = fakeApi({
      'GET /api/v1/customers': () => ({ status: 200, body: { items: [] } }),
    });
    const s = new CustomerSearch(api);
    s.query = 'w';
    expect(s.canSearch).toBe(false);
    await s.search();
    s.query = '王小';
    await s.search();
    expect(requests.map((r) => r.url)).toEqual([
      `/api/v1/customers?q=${encodeURIComponent('王小')}`,
    ]);
    expect(s.results.value).toEqual([]);
  });

  it('pages on through the timeline with the cursor the CRM returned', async () => {
    const entry = (id: number) => ({
      type: 'callback',
      at: '2024-06-01T00:00:00.000Z',
      id,
      item: { id, phone: '+861', earliest: '', latest: '', status: 'pending', notes: '' },
    });
    const { api, requests } = fakeApi({
      'GET /api/v1/customers/7': () => ({ status: 200, body: { id: 7, name: 'x' } }),
      'GET /api/v1/customers/7/timeline': (req) =>
        req.url.includes('cursor=')
          ? { status: 200, body: { items: [entry(2)], nextCursor: null } }
          : { status: 200, body: { items: [entry(1)], nextCursor: 'c-1' } },
    });
    const page = new CustomerPage(api);
    await page.open('7');
    expect(page.nextCursor).toBe('c-1');
    await page.more();
    expect(page.timeline.value?.map((e) => e.id)).toEqual([1, 2]);
    expect(page.nextCursor).toBeNull();
    expect(requests.at(-1)?.url).toBe('/api/v1/customers/7/timeline?cursor=c-1');
  });

  it('loads the customer and the timeline together and shows a failure', async () => {
    const { api } = fakeApi({
      'GET /api/v1/customers/c1': () => ({
        status: 404,
        body: { error: 'not_found', message: 'no customer c1' },
      }),
      'GET /api/v1/customers/c1/timeline': () => ({
        status: 200,
        body: { items: [], nextCursor: null },
      }),
    });
    const page = new CustomerPage(api);
    await page.open('c1');
    expect(page.detail.error).toBe('no customer c1');
    expect(page.timeline.value).toEqual([]);
  });
});

describe('knowledge panel', () => {
  it('loads once per category and language and opens the script first', async () => {
    const { api, requests } = fakeApi({
      'GET /api/v1/knowledge': () => ({
        status: 200,
        body: {
          items: [
            { id: 1, kind: 'answer', category: 'billing', language: 'en', title: 'a', body: '' },
            { id: 2, kind: 'script', category: 'billing', language: 'en', title: 's', body: '' },
          ],
        },
      }),
    });
    const k = new KnowledgePanel(api);
    await k.show('billing', 'en');
    await k.show('billing', 'en');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('/api/v1/knowledge?category=billing&lang=en');
    expect(k.open).toBe(2);
    await k.show(null, 'en');
    expect(k.entries.value).toBeNull();
  });
});

describe('supervisor searches', () => {
  it('builds the CSV link only for a valid interval', () => {
    const { api } = fakeApi({});
    const r = new QueueReport(api, new Date(2024, 5, 3, 15, 30));
    expect(r.from).toBe('2024-06-03T00:00');
    expect(r.csvUrl).toContain('/api/v1/reports/queues?from=');
    expect(r.csvUrl).toContain('&format=csv');
    r.to = '2024-06-02T00:00';
    expect(r.rangeValid).toBe(false);
    expect(r.csvUrl).toBeNull();
  });

  it('searches recordings over the last day by default and plays one', async () => {
    const item = {
      id: 'r1',
      callId: 'c1',
      startedAt: '2024-06-03T07:00:00.000Z',
      durationSeconds: 95,
      agentName: 'Zhang',
      callerNumber: '+861',
      customerName: null,
      queueName: 'Billing',
      audioUrl: '/api/v1/recordings/c1.wav',
    };
    const { api, requests } = fakeApi({
      'GET /api/v1/console/recordings': () => ({ status: 200, body: { items: [item] } }),
    });
    const rec = new RecordingSearch(api, new Date(2024, 5, 3, 12, 0));
    rec.query = 'Zhang';
    await rec.search();
    const url = new URL(requests[0]!.url, 'http://x');
    expect(
      Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!),
    ).toBe(24 * 3_600_000);
    expect(url.searchParams.get('q')).toBe('Zhang');
    rec.play(rec.results.value![0]!);
    expect(rec.playing?.audioUrl).toBe('/api/v1/recordings/c1.wav');
  });
});

import { describe, expect, it } from 'vitest';
import { toLocalInput } from '../../../agent-ui/src/lib/format.js';
import { WrapUpForm } from '../../../agent-ui/src/lib/wrapup.svelte.js';
import { fakeApi } from './support/fake-api.js';
import { MemoryStorage } from './support/fake-transport.js';
import { T0 } from './support/fixtures.js';

const now = () => T0;
const saved = {
  interactionId: 'int-1',
  complaint: { id: 'cmp-1', ticket: 'T-1001', slaDueAt: '2024-06-04T08:00:00.000Z' },
  callback: null,
  agent: null,
};

describe('WrapUpForm', () => {
  it('requires a disposition, and complaint fields only when a complaint is created', () => {
    const form = new WrapUpForm('c1', '+8613800138000', new MemoryStorage(), now);
    expect(form.errors).toEqual({ disposition: 'wrapup.error.disposition' });
    form.draft.disposition = 'resolved';
    expect(form.valid).toBe(true);
    form.draft.complaintMode = 'create';
    expect(Object.keys(form.errors).sort()).toEqual(['category', 'severity', 'summary']);
    form.draft.category = 'billing';
    form.draft.severity = 'high';
    form.draft.summary = '  ';
    expect(form.errors).toEqual({ summary: 'wrapup.error.summary' });
  });

  it('refuses a callback window that ends before it starts or is already over', () => {
    const form = new WrapUpForm('c1', '+8613800138000', new MemoryStorage(), now);
    form.draft.disposition = 'follow_up';
    form.draft.callbackEnabled = true;
    form.draft.windowStart = toLocalInput(new Date(T0 + 7_200_000));
    form.draft.windowEnd = toLocalInput(new Date(T0 + 3_600_000));
    expect(form.errors.windowEnd).toBe('wrapup.error.windowOrder');
    form.draft.windowStart = toLocalInput(new Date(T0 - 7_200_000));
    form.draft.windowEnd = toLocalInput(new Date(T0 - 3_600_000));
    expect(form.errors.windowEnd).toBe('wrapup.error.windowPast');
  });

  it('keeps what was typed in storage and restores it for the same call', () => {
    const storage = new MemoryStorage();
    const form = new WrapUpForm('c1', '+8613800138000', storage, now);
    form.draft.notes = '客户要求退还重复扣费';
    form.draft.disposition = 'escalated';
    form.persist();

    const reloaded = new WrapUpForm('c1', '+8613800138000', storage, now);
    expect(reloaded.draft.notes).toBe('客户要求退还重复扣费');
    expect(reloaded.draft.disposition).toBe('escalated');
    expect(new WrapUpForm('c2', '', storage, now).draft.notes).toBe('');
    expect(WrapUpForm.pending(storage).map((d) => d.callId)).toEqual(['c1']);
  });

  it('sends the wrap-up, then forgets the draft and keeps the complaint’s ticket', async () => {
    const storage = new MemoryStorage();
    const { api, requests } = fakeApi({
      'POST /api/v1/console/wrapup': () => ({ status: 200, body: saved }),
    });
    const form = new WrapUpForm('c1', '+8613800138000', storage, now);
    form.draft.disposition = 'follow_up';
    form.draft.notes = 'double charge';
    form.draft.complaintMode = 'create';
    form.draft.category = 'billing';
    form.draft.severity = 'high';
    form.draft.summary = 'Charged twice';
    form.draft.callbackEnabled = true;
    form.draft.windowStart = toLocalInput(new Date(T0 + 3_600_000));
    form.draft.windowEnd = toLocalInput(new Date(T0 + 7_200_000));
    form.draft.next = 'paused';
    form.draft.pauseReason = 'break';

    expect(await form.submit(api)).toBe(true);
    expect(requests[0]?.body).toEqual({
      callId: 'c1',
      disposition: 'follow_up',
      notes: 'double charge',
      complaint: {
        mode: 'create',
        category: 'billing',
        severity: 'high',
        summary: 'Charged twice',
      },
      callback: {
        windowStart: new Date(T0 + 3_600_000).toISOString(),
        windowEnd: new Date(T0 + 7_200_000).toISOString(),
        phone: null,
        note: null,
      },
      next: { state: 'paused', reason: 'break' },
    });
    expect(form.result?.complaint?.ticket).toBe('T-1001');
    expect(storage.getItem(WrapUpForm.key('c1'))).toBeNull();
  });

  it('sends a campaign call’s "do not call me" to the dialer before the wrap-up', async () => {
    const storage = new MemoryStorage();
    const { api, requests } = fakeApi({
      'POST /api/v1/campaigns/calls/c7/outcome': () => ({ status: 204, body: null }),
      'POST /api/v1/console/wrapup': () => ({ status: 200, body: saved }),
    });
    const form = new WrapUpForm('c7', '+8613900139000', storage, now, true);
    expect(form.draft).toMatchObject({ campaignCall: true, campaignOutcome: '' });
    form.draft.disposition = 'no_action';
    form.draft.campaignOutcome = 'dnc_request';
    form.persist();
    expect(WrapUpForm.load(storage, 'c7')?.campaignOutcome).toBe('dnc_request');
    expect(await form.submit(api)).toBe(true);
    expect(requests.map((r) => [r.method, new URL(r.url, 'http://x').pathname, r.body])).toEqual([
      ['POST', '/api/v1/campaigns/calls/c7/outcome', { outcome: 'dnc_request' }],
      ['POST', '/api/v1/console/wrapup', expect.objectContaining({ callId: 'c7' })],
    ]);
  });

  it('keeps the wrap-up unsent when the dialer refuses the campaign outcome', async () => {
    const { api, requests } = fakeApi({
      'POST /api/v1/console/wrapup': () => ({ status: 200, body: saved }),
    });
    const form = new WrapUpForm('c8', '+8613900139000', new MemoryStorage(), now, true);
    form.draft.disposition = 'wrong_number';
    form.draft.campaignOutcome = 'wrong_number';
    expect(await form.submit(api)).toBe(false);
    expect(form.submitError).toBe('no route');
    expect(requests).toHaveLength(1);
  });

  it('sends no campaign outcome for an inbound call', async () => {
    const { api, requests } = fakeApi({
      'POST /api/v1/console/wrapup': () => ({ status: 200, body: saved }),
    });
    const form = new WrapUpForm('c9', '+8613900139000', new MemoryStorage(), now);
    form.draft.disposition = 'resolved';
    form.draft.campaignOutcome = 'dnc_request';
    expect(await form.submit(api)).toBe(true);
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/console/wrapup']);
  });

  it('keeps the draft and says why when the server cannot be reached', async () => {
    const storage = new MemoryStorage();
    const { api } = fakeApi({ 'POST /api/v1/console/wrapup': () => 'network-down' });
    const form = new WrapUpForm('c1', '+8613800138000', storage, now);
    form.draft.disposition = 'resolved';
    form.draft.notes = 'typed before the network dropped';
    expect(await form.submit(api)).toBe(false);
    expect(form.submitError).toBe('the server could not be reached');
    expect(WrapUpForm.load(storage, 'c1')?.notes).toBe('typed before the network dropped');
  });

  it('does not send an invalid form and marks the fields', async () => {
    const { api, requests } = fakeApi({});
    const form = new WrapUpForm('c1', '', new MemoryStorage(), now);
    expect(await form.submit(api)).toBe(false);
    expect(form.touched).toBe(true);
    expect(requests).toEqual([]);
  });

  it('previews the SLA due time of the complaint being created, for the call’s customer', async () => {
    const { api, requests } = fakeApi({
      'GET /api/v1/console/complaint-sla': () => ({
        status: 200,
        body: { slaDueAt: '2024-06-03T12:00:00.000Z' },
      }),
    });
    const form = new WrapUpForm('c1', '', new MemoryStorage(), now);
    form.draft.complaintMode = 'create';
    form.draft.category = 'service';
    form.draft.severity = 'critical';
    await form.refreshSla(api);
    expect(form.slaPreview).toBe('2024-06-03T12:00:00.000Z');
    expect(requests[0]?.url).toBe(
      '/api/v1/console/complaint-sla?category=service&severity=critical&callId=c1',
    );
  });
});

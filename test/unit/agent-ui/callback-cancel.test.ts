import { describe, expect, it } from 'vitest';
import { CancelInput } from '../../../crm-core/index.js';
import { CallState } from '../../../agent-ui/src/lib/call.svelte.js';
import {
  CallbackCancel,
  CANCEL_REASON_MAX,
  refusalText,
} from '../../../agent-ui/src/lib/callback-cancel.svelte.js';
import { Clock } from '../../../agent-ui/src/lib/clock.svelte.js';
import type {
  CallbackCancelResponse,
  CallbackStatus,
  CallbackSummary,
} from '../../../agent-ui/src/lib/contracts.js';
import { CustomerPage } from '../../../agent-ui/src/lib/customers.svelte.js';
import { I18n } from '../../../agent-ui/src/lib/i18n.svelte.js';
import { fakeApi, type Route } from './support/fake-api.js';
import { FakeTransport } from './support/fake-transport.js';
import { T0, at, pop } from './support/fixtures.js';

const cancelledCallback = (id: number, notes = ''): CallbackCancelResponse => ({
  id,
  phone: '+8613800138000',
  earliest: at(0),
  latest: at(60),
  status: 'cancelled',
  notes,
});
const cancelled = (id: number, notes = '') => ({ status: 200, body: cancelledCallback(id, notes) });

const refused = (from: CallbackStatus) => ({
  status: 409,
  body: {
    error: 'illegal_transition',
    message: `a callback cannot go from ${from} to cancelled`,
    details: { from, to: 'cancelled', allowed: [] },
  },
});

function canceller(route: Route) {
  const { api, requests } = fakeApi({ 'POST /api/v1/callbacks/41/cancel': route });
  const settled: [CallbackStatus, number | null][] = [];
  const c = new CallbackCancel(api, '41', (status, cb) => settled.push([status, cb?.id ?? null]));
  return { c, requests, settled };
}

describe('cancelling a callback from the console', () => {
  it('asks first, then sends the trimmed reason and reports the callback cancelled', async () => {
    const { c, requests, settled } = canceller(() => cancelled(41, 'reached by email'));
    expect(await c.confirm()).toBe(false);
    expect(requests).toHaveLength(0);
    c.ask();
    c.reason = '  reached by email ';
    expect(await c.confirm()).toBe(true);
    expect(requests[0]).toMatchObject({ method: 'POST', body: { reason: 'reached by email' } });
    expect(settled).toEqual([['cancelled', 41]]);
    expect(c.confirming).toBe(false);
    expect(c.reason).toBe('');
  });

  it('sends no reason when none was typed', async () => {
    const { c, requests } = canceller(() => cancelled(41));
    c.ask();
    c.reason = '   ';
    await c.confirm();
    expect(requests[0]?.body).toEqual({});
  });

  it('refuses a reason longer than the CRM keeps, as the CRM does', async () => {
    const { c, requests } = canceller(() => cancelled(41));
    c.ask();
    c.reason = 'x'.repeat(CANCEL_REASON_MAX);
    expect(c.reasonTooLong).toBe(false);
    expect(CancelInput.safeParse({ reason: c.reason }).success).toBe(true);
    c.reason += 'x';
    expect(c.reasonTooLong).toBe(true);
    expect(CancelInput.safeParse({ reason: c.reason }).success).toBe(false);
    expect(await c.confirm()).toBe(false);
    expect(requests).toHaveLength(0);
    expect(c.confirming).toBe(true);
  });

  it('says in the agent’s language that a callback being dialled can no longer be cancelled', async () => {
    const { c, settled } = canceller(() => refused('dialing'));
    c.ask();
    expect(await c.confirm()).toBe(false);
    expect(c.refusal).toEqual({ kind: 'dialing' });
    expect(settled).toEqual([['dialing', null]]);
    expect(c.confirming).toBe(false);
    const i18n = new I18n();
    expect(refusalText(c.refusal!, i18n)).toBe('该回拨正在拨打中，已无法取消');
    i18n.set('en');
    expect(refusalText(c.refusal!, i18n)).toBe(
      'This callback is being dialled now and can no longer be cancelled',
    );
  });

  it('names the state of a callback that is already over', async () => {
    const { c, settled } = canceller(() => refused('completed'));
    c.ask();
    await c.confirm();
    expect(c.refusal).toEqual({ kind: 'closed', status: 'completed' });
    expect(settled).toEqual([['completed', null]]);
    expect(refusalText(c.refusal!, new I18n())).toBe('该回拨已不在等待中（已完成），无需取消');
  });

  it('keeps the confirmation open to try again when the server cannot be reached', async () => {
    const { c, settled } = canceller(() => 'network-down');
    c.ask();
    c.reason = 'customer asked';
    expect(await c.confirm()).toBe(false);
    expect(c.refusal).toEqual({ kind: 'network' });
    expect(c.confirming).toBe(true);
    expect(c.reason).toBe('customer asked');
    expect(c.action.busy).toBe(false);
    expect(settled).toEqual([]);
    c.ask();
    expect(c.refusal).toBeNull();
  });

  it('shows any other refusal with the server’s reason', async () => {
    const { c } = canceller(() => ({
      status: 403,
      body: { error: 'forbidden', message: 'agents, supervisors or admins only' },
    }));
    c.ask();
    await c.confirm();
    const i18n = new I18n();
    i18n.set('en');
    expect(refusalText(c.refusal!, i18n)).toBe(
      'The callback was not cancelled: agents, supervisors or admins only',
    );
  });
});

describe('the lists that show a cancelled callback', () => {
  const summary = (id: string): CallbackSummary => ({
    id,
    phone: '+8613800138000',
    windowStart: at(0),
    windowEnd: at(3600),
    note: null,
    status: 'pending',
  });

  it('drops it from the pop, and shows one dialled meanwhile as dialling', () => {
    const call = new CallState(new FakeTransport(), new Clock(() => T0));
    call.offered(pop('c1', { pendingCallbacks: [summary('5'), summary('6'), summary('7')] }));
    call.callbackSettled('5', 'cancelled');
    call.callbackSettled('6', 'dialing');
    expect(call.pop?.pendingCallbacks.map((cb) => [cb.id, cb.status])).toEqual([
      ['6', 'dialing'],
      ['7', 'pending'],
    ]);
    expect(call.pop?.callId).toBe('c1');
  });

  it('shows it cancelled, with the reason in its notes, on the customer’s timeline', async () => {
    const entry = (id: number) => ({
      type: 'callback',
      at: at(0),
      id,
      item: { id, phone: '+861', earliest: at(0), latest: at(60), status: 'pending', notes: '' },
    });
    const { api } = fakeApi({
      'GET /api/v1/customers/7': () => ({ status: 200, body: { id: 7, name: 'x' } }),
      'GET /api/v1/customers/7/timeline': () => ({
        status: 200,
        body: { items: [entry(1), entry(2)], nextCursor: null },
      }),
    });
    const page = new CustomerPage(api);
    await page.open('7');
    page.callbackSettled(2, 'cancelled', cancelledCallback(2, 'reached by email'));
    page.callbackSettled(1, 'dialing', null);
    const callbacks = page.timeline.value?.flatMap((e) => (e.type === 'callback' ? [e.item] : []));
    expect(callbacks?.map((cb) => [cb.id, cb.status, cb.notes])).toEqual([
      [1, 'dialing', ''],
      [2, 'cancelled', 'reached by email'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { Clock } from '../../../agent-ui/src/lib/clock.svelte.js';
import { ConsoleApp } from '../../../agent-ui/src/lib/console-app.svelte.js';
import { WrapUpForm } from '../../../agent-ui/src/lib/wrapup.svelte.js';
import { fakeApi } from './support/fake-api.js';
import { FakeTransport, MemoryStorage } from './support/fake-transport.js';
import { T0, agentView, at, pop, snapshot } from './support/fixtures.js';

function setup(storage = new MemoryStorage()) {
  const transport = new FakeTransport();
  const { api, requests } = fakeApi({
    'GET /api/v1/complaints/categories': () => ({
      status: 200,
      body: {
        items: [{ code: 'network', nameZh: '网络故障', nameEn: 'Network outage', slaHours: 24 }],
      },
    }),
    'POST /api/v1/console/wrapup': () => ({
      status: 200,
      body: {
        interactionId: 'int-1',
        complaint: null,
        callback: null,
        agent: agentView({ state: 'available', since: at(200) }),
      },
    }),
  });
  const app = new ConsoleApp({ transport, api, storage, clock: new Clock(() => T0) });
  transport.connect();
  transport.emit('console:snapshot', snapshot());
  return { app, transport, storage, requests };
}

const connected = {
  callId: 'c1',
  agentId: 'a1',
  connectedAt: at(5),
  recording: 'recording',
} as const;
const ended = {
  callId: 'c1',
  agentId: 'a1',
  endedAt: at(100),
  endedBy: 'caller',
  missed: false,
  wrapUpSeconds: 60,
} as const;

describe('ConsoleApp wrap-up flow', () => {
  it('opens the form when the call connects, so notes typed during the call are kept', () => {
    const { app, transport } = setup();
    transport.emit('call:offered', pop('c1'));
    expect(app.wrapUp).toBeNull();
    transport.emit('call:connected', connected);
    const form = app.wrapUp;
    expect(form?.callId).toBe('c1');
    form!.draft.notes = 'asked about April bill';
    form!.persist();
    transport.emit('call:ended', ended);
    expect(app.wrapUp).toBe(form);
    expect(app.wrapUp?.draft.notes).toBe('asked about April bill');
  });

  it('restores the typed wrap-up after a reload, even when the server has forgotten the call', () => {
    const first = setup();
    first.transport.emit('call:offered', pop('c1'));
    first.transport.emit('call:connected', connected);
    first.transport.emit('call:ended', ended);
    first.app.wrapUp!.draft.disposition = 'resolved';
    first.app.wrapUp!.draft.notes = 'refund promised';
    first.app.wrapUp!.persist();

    // A new page on the same browser; the ACD already ended the wrap-up.
    const second = setup(first.storage);
    expect(second.app.call.phase).toBe('idle');
    expect(second.app.wrapUp?.callId).toBe('c1');
    expect(second.app.wrapUp?.draft.notes).toBe('refund promised');
    expect(second.app.wrapUpIsLeftover).toBe(true);
  });

  it('clears the call and the draft after the server saved the wrap-up', async () => {
    const { app, transport, storage, requests } = setup();
    transport.emit('call:offered', pop('c1'));
    transport.emit('call:connected', connected);
    transport.emit('call:ended', ended);
    app.wrapUp!.draft.disposition = 'information';
    app.wrapUp!.persist();
    expect(await app.submitWrapUp()).toBe(true);
    expect(requests).toHaveLength(1);
    expect(app.call.phase).toBe('idle');
    expect(app.wrapUp).toBeNull();
    expect(app.agent.state).toBe('available');
    expect(app.lastSaved?.interactionId).toBe('int-1');
    expect(WrapUpForm.pending(storage)).toEqual([]);
  });

  it('names the CRM’s complaint categories in the UI language', async () => {
    const { app } = setup();
    expect(app.categoryName('network', 'en')).toBeNull();
    await app.loadCategories();
    expect(app.categoryName('network', 'en')).toBe('Network outage');
    expect(app.categoryName('network', 'zh-CN')).toBe('网络故障');
    expect(app.categoryName('unknown', 'en')).toBeNull();
  });

  it('discards a leftover draft on request', () => {
    const storage = new MemoryStorage();
    const old = new WrapUpForm('old-call', '+861', storage, () => T0);
    old.draft.notes = 'x';
    old.persist();
    const { app } = setup(storage);
    expect(app.wrapUp?.callId).toBe('old-call');
    app.discardLeftover();
    expect(app.wrapUp).toBeNull();
  });
});

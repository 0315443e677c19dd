import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../telephony/index.js';
import type { ConsolePublisher } from '../../../server/gateway/index.js';
import { createLogger } from '../../../server/logger.js';
import { consoleEventSink, screenPop } from '../../../server/wiring/telephony-console.js';

/** What the sink published, in order: the event name and the call. */
function recorder() {
  const seen: { what: string; callId: string; campaign?: string; queue?: unknown }[] = [];
  const publisher = {
    offered: (_agent: string, pop) =>
      seen.push({
        what: 'offered',
        callId: pop.callId,
        ...(pop.origin.kind === 'campaign' ? { campaign: pop.origin.campaignName } : {}),
        queue: pop.queueNames,
      }),
    connected: (e) => seen.push({ what: 'connected', callId: e.callId }),
  } as Pick<ConsolePublisher, 'offered' | 'connected'> as ConsolePublisher;
  return { seen, publisher };
}

type Origin = Extract<CallEvent, { type: 'offered' }>['origin'];
const offered = (callId: string, origin: Origin) =>
  ({
    type: 'offered',
    callId,
    at: 0,
    agentId: 'a1',
    queueId: 'billing',
    attempt: 1,
    reason: 'r',
    explanation: null,
    callerNumber: '+8613911190001',
    caller: null,
    origin,
    ivrPath: [],
    waitSeconds: 0,
    language: 'zh-CN',
  }) as CallEvent;
const connected = (callId: string) =>
  ({ type: 'connected', callId, at: 1, agentId: 'a1', recording: 'off' }) as CallEvent;

describe('call events to the console', () => {
  it('names a campaign call’s campaign and keeps the call’s later events behind its pop', async () => {
    const { seen, publisher } = recorder();
    let release: (name: string) => void = () => undefined;
    const sink = consoleEventSink(publisher, {
      queueNames: (id): Record<string, string> =>
        id === 'billing' ? { 'zh-CN': '账单服务', en: 'Billing' } : {},
      campaignNames: () => new Promise((resolve) => (release = resolve)),
      logger: createLogger('silent'),
    });
    sink(offered('cmp-1', { kind: 'outbound', campaignId: '7', contactId: '3' }));
    sink(connected('cmp-1'));
    sink(offered('in-1', { kind: 'inbound' }));
    await new Promise((r) => setTimeout(r, 0));
    // The campaign call waits for its name; an inbound call does not wait for it.
    expect(seen.map((s) => s.callId)).toEqual(['in-1']);
    release('续费提醒');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([
      { what: 'offered', callId: 'in-1', queue: { 'zh-CN': '账单服务', en: 'Billing' } },
      {
        what: 'offered',
        callId: 'cmp-1',
        campaign: '续费提醒',
        queue: { 'zh-CN': '账单服务', en: 'Billing' },
      },
      { what: 'connected', callId: 'cmp-1' },
    ]);
  });

  it('shows the campaign id when the CRM cannot say the name', async () => {
    const { seen, publisher } = recorder();
    const sink = consoleEventSink(publisher, {
      queueNames: () => ({}),
      campaignNames: () => Promise.reject(new Error('database down')),
      logger: createLogger('silent'),
    });
    sink(offered('cmp-2', { kind: 'outbound', campaignId: '9', contactId: null }));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([{ what: 'offered', callId: 'cmp-2', campaign: '9', queue: {} }]);
  });
});

describe('the pop’s routing explanation', () => {
  const facts = (routingExplanation: unknown) => ({
    callId: 'c1',
    callerNumber: null,
    caller: null,
    queueId: 'billing',
    ivrPath: [],
    waitSeconds: 3,
    routingReason: 'agent a1: idle 2 s, preferred agent',
    routingExplanation,
    origin: { kind: 'inbound' } as const,
    campaignName: null,
    offeredAt: 0,
  });
  const explanation = {
    kind: 'agent',
    agentId: 'a1',
    skills: [],
    metric: { strategy: 'longest-idle', idleSeconds: 2 },
    notes: [{ code: 'preferred_agent', because: 'last_served' }],
  };

  it('carries the ACD’s explanation beside its English reason', () => {
    const pop = screenPop(facts(explanation), () => ({}));
    expect(pop.routingExplanation).toEqual(explanation);
    expect(pop.routingReason).toBe('agent a1: idle 2 s, preferred agent');
  });

  it('is null for a call stored without one, or with something else in its place', () => {
    expect(screenPop(facts(undefined), () => ({})).routingExplanation).toBeNull();
    expect(screenPop(facts(null), () => ({})).routingExplanation).toBeNull();
    expect(screenPop(facts('agent a1'), () => ({})).routingExplanation).toBeNull();
    expect(screenPop(facts({ kind: 'other' }), () => ({})).routingExplanation).toBeNull();
  });
});

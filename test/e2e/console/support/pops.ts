import type { QueueStatsView, ScreenPop } from '../../../../server/contracts/index.js';
import { queueStats, screenPop } from '../../../integration/gateway/support/fixtures.js';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The pop of a known VIP customer calling about a double charge, in Chinese. */
export function vipPop(callId: string): ScreenPop {
  const base = screenPop(callId);
  return {
    ...base,
    queueName: '账单',
    account: base.account && { ...base.account, plan: '家庭套餐 199' },
    lastInteractions: base.lastInteractions.map((i) => ({
      ...i,
      at: ago(3 * 86_400_000),
      notes: '咨询四月账单明细',
      agentName: '李娜',
    })),
    openComplaints: base.openComplaints.map((c) => ({
      ...c,
      summary: '四月重复扣费',
      slaDueAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
    })),
    ivrPath: [
      { node: 'main-menu', kind: 'menu', input: '2' },
      { node: 'billing-lookup', kind: 'lookup', input: null },
    ],
    waitSeconds: 38,
    routingReason: 'agent a1: skill billing 4, idle 12 s, preferred agent',
    routingExplanation: {
      kind: 'agent',
      agentId: 'a1',
      skills: [{ skill: 'billing', level: 4, min: 2 }],
      metric: { strategy: 'longest-idle', idleSeconds: 12 },
      notes: [{ code: 'preferred_agent', because: 'last_served' }],
    },
  };
}

export function unknownCallerPop(callId: string): ScreenPop {
  return {
    ...vipPop(callId),
    callerNumber: '+8615000000000',
    customer: null,
    account: null,
    lastInteractions: [],
    openComplaints: [],
    origin: { kind: 'callback', callbackId: 'cb-3' },
    // A call stored before offers carried their explanation: the pop shows the ACD's words.
    routingReason: 'agent a1: idle 7 s',
    routingExplanation: null,
  };
}

export function billingStats(over: Partial<QueueStatsView> = {}): QueueStatsView {
  return queueStats('billing', { name: '账单', ...over });
}

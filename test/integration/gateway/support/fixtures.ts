/** Users, screen pops and queue statistics for console tests. */
import type {
  AgentCounts,
  QueueStatsView,
  ScreenPop,
  SessionUser,
} from '../../../../server/contracts/index.js';

export function agentUser(id: string, displayName = `Agent ${id}`): SessionUser {
  return { userId: id, username: id, role: 'agent', displayName, language: 'zh-CN' };
}

export function supervisorUser(id: string, displayName = `Supervisor ${id}`): SessionUser {
  return { userId: id, username: id, role: 'supervisor', displayName, language: 'en' };
}

export function screenPop(callId: string, overrides: Partial<ScreenPop> = {}): ScreenPop {
  return {
    callId,
    callerNumber: '+8613800138000',
    queueId: 'billing',
    queueName: 'Billing',
    queueNames: { 'zh-CN': '账单服务', en: 'Billing' },
    category: 'billing',
    customer: { id: 'cust-1', name: '王小明', tier: 'gold', vip: true, language: 'zh-CN' },
    account: {
      accountNumber: 'AC-10001',
      status: 'active',
      balance: { amount: '-120.50', currency: 'CNY' },
      plan: 'Family 199',
    },
    lastInteractions: [
      {
        id: 'int-9',
        at: '2024-05-01T09:30:00.000Z',
        channel: 'call',
        direction: 'inbound',
        kind: 'inbound_call',
        queueId: 'billing',
        queueNames: { 'zh-CN': '账单', en: 'Billing' },
        notes: 'Asked about a double charge',
        agentId: null,
        disposition: 'follow_up',
        agentName: 'Li Na',
      },
    ],
    openComplaints: [
      {
        id: 'cmp-7',
        ticket: 'T-0007',
        category: 'billing',
        severity: 'high',
        status: 'open',
        summary: 'Charged twice in April',
        slaDueAt: '2030-01-01T00:00:00.000Z',
      },
    ],
    pendingCallbacks: [],
    ivrPath: [
      { node: 'main-menu', kind: 'menu', input: '2' },
      { node: 'billing-lookup', kind: 'lookup', input: null },
    ],
    waitSeconds: 42,
    routingReason: 'skill billing',
    routingExplanation: null,
    origin: { kind: 'inbound' },
    offeredAt: new Date().toISOString(),
    ...overrides,
  };
}

const NO_AGENTS: AgentCounts = {
  logged_out: 0,
  available: 0,
  reserved: 0,
  on_call: 0,
  wrap_up: 0,
  paused: 0,
};

export function queueStats(
  queueId: string,
  overrides: Partial<QueueStatsView> = {},
): QueueStatsView {
  return {
    queueId,
    name: queueId.charAt(0).toUpperCase() + queueId.slice(1),
    names: {},
    waiting: 3,
    longestWaitSeconds: 35,
    agents: { ...NO_AGENTS, available: 2, on_call: 4, paused: 1 },
    offered: 120,
    answered: 110,
    abandoned: 6,
    serviceLevel: 0.86,
    serviceLevelThresholdSeconds: 20,
    asaSeconds: 14,
    ahtSeconds: 212,
    at: new Date().toISOString(),
    ...overrides,
  };
}

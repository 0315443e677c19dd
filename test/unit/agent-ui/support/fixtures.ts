import type {
  AgentStateView,
  ConsoleSnapshot,
  QueueStatsView,
  ScreenPop,
  SessionUser,
} from '../../../../server/contracts/index.js';

export const T0 = Date.parse('2024-06-03T08:00:00.000Z');
export const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

export const agentUser: SessionUser = {
  userId: 'a1',
  username: 'a1',
  role: 'agent',
  displayName: 'Zhang Wei',
  language: 'zh-CN',
};
export const supervisor: SessionUser = { ...agentUser, userId: 's1', role: 'supervisor' };

export function agentView(over: Partial<AgentStateView> = {}): AgentStateView {
  return {
    agentId: 'a1',
    displayName: 'Zhang Wei',
    state: 'available',
    pauseReason: null,
    since: at(0),
    call: null,
    queueIds: ['billing'],
    afterCall: null,
    ...over,
  };
}

export function pop(callId: string, over: Partial<ScreenPop> = {}): ScreenPop {
  return {
    callId,
    callerNumber: '+8613800138000',
    queueId: 'billing',
    queueName: 'Billing',
    queueNames: { 'zh-CN': '账单服务', en: 'Billing' },
    category: 'billing',
    customer: { id: 'c1', name: '王小明', tier: 'gold', vip: true, language: 'zh-CN' },
    account: null,
    lastInteractions: [],
    openComplaints: [],
    pendingCallbacks: [],
    ivrPath: [],
    waitSeconds: 30,
    routingReason: 'skill billing',
    routingExplanation: null,
    origin: { kind: 'inbound' },
    offeredAt: at(0),
    ...over,
  };
}

export function stats(queueId: string, seconds: number, over: Partial<QueueStatsView> = {}) {
  const q: QueueStatsView = {
    queueId,
    name: queueId,
    names: {},
    waiting: 2,
    longestWaitSeconds: 20,
    agents: { logged_out: 0, available: 3, reserved: 0, on_call: 2, wrap_up: 0, paused: 1 },
    offered: 100,
    answered: 95,
    abandoned: 2,
    serviceLevel: 0.9,
    serviceLevelThresholdSeconds: 20,
    asaSeconds: 10,
    ahtSeconds: 200,
    at: at(seconds),
    ...over,
  };
  return q;
}

export function snapshot(over: Partial<ConsoleSnapshot> = {}): ConsoleSnapshot {
  return {
    user: agentUser,
    agent: agentView(),
    call: null,
    queues: [stats('billing', 0)],
    supervisor: null,
    takenAt: at(0),
    ...over,
  };
}

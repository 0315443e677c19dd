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
      summary: '咨询四月账单明细',
      agentName: '李娜',
    })),
    openComplaints: base.openComplaints.map((c) => ({
      ...c,
      summary: '四月重复扣费',
      slaDueAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
    })),
    ivrPath: [
      { node: 'welcome', label: '主菜单', input: '2' },
      { node: 'billing', label: '账单查询', input: null },
    ],
    waitSeconds: 38,
    routingReason: '技能：账单 · 上次服务坐席',
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
    routingReason: '最长空闲',
  };
}

export function billingStats(over: Partial<QueueStatsView> = {}): QueueStatsView {
  return queueStats('billing', { name: '账单', ...over });
}

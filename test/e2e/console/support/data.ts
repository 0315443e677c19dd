/** The people, customers and content of the browser tests. */
import type { SessionUser } from '../../../../server/contracts/index.js';
import type { FakeCrmData } from './fake-crm.js';

export const AGENT: SessionUser = {
  userId: 'agent-7',
  username: 'zhangwei',
  role: 'agent',
  displayName: '张伟',
  language: 'zh-CN',
};
export const OTHER_AGENT: SessionUser = {
  userId: 'agent-8',
  username: 'lina',
  role: 'agent',
  displayName: '李娜',
  language: 'zh-CN',
};
export const SUPERVISOR: SessionUser = {
  userId: 'sup-1',
  username: 'wangfang',
  role: 'supervisor',
  displayName: '王芳',
  language: 'zh-CN',
};
export const PASSWORD = 'correct horse battery';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

export const CRM_DATA: FakeCrmData = {
  users: [AGENT, OTHER_AGENT, SUPERVISOR].map((user) => ({
    username: user.username,
    password: PASSWORD,
    user,
  })),
  knowledge: [
    {
      id: 1,
      kind: 'script',
      category: 'billing',
      language: 'zh-CN',
      title: '重复扣费处理话术',
      body: '1. 核实客户身份（姓名 + 账号后四位）\n2. 查询最近两期账单\n3. 确认重复扣费后承诺 3 个工作日内退款',
      tags: [],
    },
    {
      id: 2,
      kind: 'answer',
      category: 'billing',
      language: 'zh-CN',
      title: '退款时效说明',
      body: '银行卡退款 3-5 个工作日到账，余额退款即时到账。',
      tags: [],
    },
    {
      id: 3,
      kind: 'script',
      category: 'billing',
      language: 'en',
      title: 'Double charge script',
      body: '1. Verify identity\n2. Check the last two bills\n3. Promise a refund within 3 working days',
      tags: [],
    },
  ],
  categories: [
    { code: 'billing', nameZh: '账单问题', nameEn: 'Billing', slaHours: 48 },
    { code: 'network', nameZh: '网络故障', nameEn: 'Network outage', slaHours: 24 },
    { code: 'other', nameZh: '其他', nameEn: 'Other', slaHours: 120 },
  ],
  customers: [
    {
      id: 1,
      name: '王小明',
      tier: 'gold',
      vip: true,
      language: 'zh-CN',
      phones: [{ e164: '+8613800138000', label: 'mobile' }],
      accountNumber: 'AC-10001',
      notes: '',
      accounts: [
        {
          id: 11,
          accountNumber: 'AC-10001',
          balance: '-120.50',
          currency: 'CNY',
          dueDate: '2026-12-05',
        },
      ],
      createdAt: '2021-03-01T00:00:00.000Z',
    },
    {
      id: 2,
      name: '陈静',
      tier: 'standard',
      vip: false,
      language: 'zh-CN',
      phones: [{ e164: '+8613900139000', label: 'mobile' }],
      accountNumber: 'AC-10002',
      notes: '',
      accounts: [],
      createdAt: '2022-01-10T00:00:00.000Z',
    },
  ],
  timeline: {
    '1': [
      {
        type: 'complaint',
        at: ago(2 * DAY),
        id: 7,
        item: {
          id: 7,
          ticketNumber: 'T-0007',
          category: 'billing',
          severity: 'high',
          status: 'open',
          subject: '四月重复扣费',
          dueAt: ago(-DAY),
        },
      },
      {
        type: 'interaction',
        at: ago(3 * DAY),
        id: 41,
        item: {
          id: 41,
          callId: 'call-old-0',
          kind: 'inbound_call',
          direction: 'inbound',
          callerNumber: '+8613800138000',
          agentId: 8,
          queue: 'billing',
          disposition: 'information',
          notes: '咨询账单明细',
          talkSeconds: 184,
        },
      },
    ],
  },
  report: [
    {
      key: 'billing',
      offered: 412,
      answered: 380,
      abandoned: 22,
      answeredWithinThreshold: 334,
      serviceLevel: 0.81,
      asa: 17,
      aht: 245,
    },
    {
      key: 'sales',
      offered: 198,
      answered: 190,
      abandoned: 5,
      answeredWithinThreshold: 184,
      serviceLevel: 0.93,
      asa: 9,
      aht: 301,
    },
  ],
};

/** A past call's recording, as the recordings port lists it. */
export const RECORDING = {
  id: 'rec-1',
  callId: 'call-old-1',
  startedAt: ago(DAY / 4),
  durationSeconds: 184,
  agentName: '张伟',
  callerNumber: '+8613800138000',
  customerName: '王小明',
  queueName: '账单',
  audioUrl: '/api/v1/recordings/call-old-1.wav',
};

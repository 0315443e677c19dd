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
      id: 'kb-1',
      kind: 'script',
      category: 'billing',
      lang: 'zh-CN',
      title: '重复扣费处理话术',
      body: '1. 核实客户身份（姓名 + 账号后四位）\n2. 查询最近两期账单\n3. 确认重复扣费后承诺 3 个工作日内退款',
    },
    {
      id: 'kb-2',
      kind: 'article',
      category: 'billing',
      lang: 'zh-CN',
      title: '退款时效说明',
      body: '银行卡退款 3-5 个工作日到账，余额退款即时到账。',
    },
    {
      id: 'kb-3',
      kind: 'script',
      category: 'billing',
      lang: 'en',
      title: 'Double charge script',
      body: '1. Verify identity\n2. Check the last two bills\n3. Promise a refund within 3 working days',
    },
  ],
  customers: [
    {
      id: 'cust-1',
      name: '王小明',
      tier: 'gold',
      vip: true,
      language: 'zh-CN',
      phones: ['+8613800138000'],
      accountNumbers: ['AC-10001'],
      accounts: [
        {
          accountNumber: 'AC-10001',
          status: 'active',
          balance: { amount: '-120.50', currency: 'CNY' },
          plan: '家庭套餐 199',
        },
      ],
      createdAt: '2021-03-01T00:00:00.000Z',
    },
    {
      id: 'cust-2',
      name: '陈静',
      tier: 'standard',
      vip: false,
      language: 'zh-CN',
      phones: ['+8613900139000'],
      accountNumbers: ['AC-10002'],
      accounts: [],
      createdAt: '2022-01-10T00:00:00.000Z',
    },
  ],
  timeline: {
    'cust-1': [
      {
        id: 't1',
        at: ago(2 * DAY),
        kind: 'complaint',
        channel: null,
        title: '投诉 T-0007：四月重复扣费',
        detail: '严重程度：高',
        agentName: '李娜',
      },
      {
        id: 't2',
        at: ago(3 * DAY),
        kind: 'interaction',
        channel: 'call',
        title: '咨询账单明细',
        detail: null,
        agentName: '李娜',
      },
    ],
  },
  recordings: [
    {
      id: 'rec-1',
      callId: 'call-old-1',
      startedAt: ago(DAY / 4),
      durationSeconds: 184,
      agentName: '张伟',
      callerNumber: '+8613800138000',
      customerName: '王小明',
      queueName: '账单',
      audioUrl: '/api/v1/recordings/rec-1/audio',
    },
  ],
  report: [
    {
      queueId: 'billing',
      queueName: '账单',
      offered: 412,
      answered: 380,
      abandoned: 22,
      serviceLevel: 0.81,
      asaSeconds: 17,
      ahtSeconds: 245,
    },
    {
      queueId: 'sales',
      queueName: '销售',
      offered: 198,
      answered: 190,
      abandoned: 5,
      serviceLevel: 0.93,
      asaSeconds: 9,
      ahtSeconds: 301,
    },
  ],
};

import { describe, expect, it } from 'vitest';
import type { RoutingExplanation } from '../../../agent-ui/src/lib/contracts.js';
import { I18n } from '../../../agent-ui/src/lib/i18n.svelte.js';
import { routingWhy } from '../../../agent-ui/src/lib/routing-why.js';

const inLang = (lang: 'zh-CN' | 'en') => {
  const i18n = new I18n();
  i18n.set(lang);
  return i18n;
};

const lastAgent: RoutingExplanation = {
  kind: 'agent',
  agentId: 'a4',
  skills: [{ skill: 'zh-CN', level: 5, min: 2 }],
  metric: { strategy: 'longest-idle', idleSeconds: 2 },
  notes: [{ code: 'preferred_agent', because: 'last_served' }],
};

describe('why this call came to you', () => {
  it('tells the skills, the strategy’s figure and the notes in Chinese and in English', () => {
    expect(routingWhy(lastAgent, inLang('zh-CN'))).toBe(
      '技能 中文 5 · 空闲 2 秒 · 上次为该客户服务',
    );
    expect(routingWhy(lastAgent, inLang('en'))).toBe(
      'skill zh-CN 5 · idle 2 s · served this customer last',
    );
  });

  it('names an unknown skill by its code and a preferred agent by the name it is given', () => {
    const e: RoutingExplanation = {
      kind: 'agent',
      agentId: 'a4',
      skills: [{ skill: 'roaming', level: 3, min: 3 }],
      metric: { strategy: 'ranked', rank: 2, idleSeconds: 60 },
      notes: [
        { code: 'requirements_relaxed', step: 1 },
        { code: 'preferred_agent_unavailable', agentId: 'a9' },
        { code: 'vip_overflow' },
      ],
    };
    const names = (id: string) => (id === 'a9' ? '李娜' : id);
    expect(routingWhy(e, inLang('zh-CN'), names)).toBe(
      '技能 roaming 3 · 排序第 2 · 空闲 60 秒 · 技能要求已放宽（第 1 步） · 首选坐席 李娜 不在 · VIP 来电转普通坐席',
    );
    expect(routingWhy(e, inLang('en'))).toBe(
      'skill roaming 3 · rank 2 · idle 60 s · requirements relaxed (step 1) · preferred agent a9 unavailable · VIP caller to the general pool',
    );
  });

  it('tells every strategy’s figure', () => {
    const say = inLang('zh-CN');
    const why = (metric: Extract<RoutingExplanation, { kind: 'agent' }>['metric']) =>
      routingWhy({ ...lastAgent, skills: [], notes: [], metric }, say);
    expect(why({ strategy: 'fewest-calls', callsToday: 3, idleSeconds: 9 })).toBe(
      '今日已接 3 通 · 空闲 9 秒',
    );
    expect(why({ strategy: 'least-talk-time', talkSecondsToday: 120, idleSeconds: 9 })).toBe(
      '今日通话 120 秒 · 空闲 9 秒',
    );
    expect(why({ strategy: 'round-robin', lastOfferedSecondsAgo: null, rank: 1 })).toBe(
      '轮到你（尚未分配，排序 1）',
    );
    expect(why({ strategy: 'round-robin', lastOfferedSecondsAgo: 40, rank: 1 })).toBe(
      '轮到你（40 秒前分配过）',
    );
  });

  it('tells a call taken on becoming free by its priority, wait and rank among the calls', () => {
    const e: RoutingExplanation = {
      kind: 'call',
      agentId: 'a4',
      callId: 'c1',
      queueId: 'billing',
      priority: 5.7,
      basePriority: 5,
      agedBy: 0.7,
      waitedSeconds: 20,
      notes: [{ code: 'preferred_agent', because: 'named' }],
      heldForAgent: true,
      eligibleCalls: 2,
      queues: 1,
    };
    expect(routingWhy(e, inLang('zh-CN'))).toBe(
      '优先级 5.7（基础 5，等待加 0.7） · 已等待 20 秒 · 客户指定坐席 · 为你保留 · 1 个队列 2 通可接来电中的第一通',
    );
    expect(routingWhy({ ...e, agedBy: 0, priority: 5, heldForAgent: false }, inLang('en'))).toBe(
      "priority 5 (base 5) · waited 20 s · the customer's named agent · first of 2 eligible call(s) in 1 queue(s)",
    );
  });
});

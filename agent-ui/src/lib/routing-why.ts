import type { RoutingExplanation, RoutingNote, StrategyMetric } from './contracts.js';
import type { I18n } from './i18n.svelte.js';

type Say = Pick<I18n, 't' | 'tk'>;

function metricText(m: StrategyMetric, say: Say): string[] {
  const idle = (seconds: number) => say.t('why.idle', { seconds });
  switch (m.strategy) {
    case 'longest-idle':
      return [idle(m.idleSeconds)];
    case 'fewest-calls':
      return [say.t('why.callsToday', { count: m.callsToday }), idle(m.idleSeconds)];
    case 'least-talk-time':
      return [say.t('why.talkToday', { seconds: m.talkSecondsToday }), idle(m.idleSeconds)];
    case 'round-robin':
      return [
        m.lastOfferedSecondsAgo === null
          ? say.t('why.rotationFirst', { rank: m.rank })
          : say.t('why.rotationLast', { seconds: m.lastOfferedSecondsAgo }),
      ];
    case 'ranked':
      return [say.t('why.rank', { rank: m.rank }), idle(m.idleSeconds)];
  }
}

function noteText(n: RoutingNote, say: Say, agentName: (id: string) => string): string {
  switch (n.code) {
    case 'requirements_relaxed':
      return say.t('why.relaxed', { step: n.step });
    case 'preferred_agent':
      return say.t(n.because === 'named' ? 'why.preferredNamed' : 'why.preferredLastServed');
    case 'preferred_agent_unavailable':
      return say.t('why.preferredUnavailable', { agent: agentName(n.agentId) });
    case 'vip_group':
      return say.t('why.vipGroup', { group: n.group });
    case 'vip_overflow':
      return say.t('why.vipOverflow');
  }
}

/**
 * "Why this call came to you", in the console's language: the skills the call needed with the
 * agent's level, the queue strategy's figure, then the notes (or, for a call the agent took on
 * becoming free, its priority and wait). Skills are named by the console's `skill.*` texts, or
 * by their code; agents by `agentName` (their id when it knows no better).
 */
export function routingWhy(
  e: RoutingExplanation,
  say: Say,
  agentName: (id: string) => string = (id) => id,
): string {
  const notes = e.notes.map((n) => noteText(n, say, agentName));
  if (e.kind === 'agent') {
    const skills = e.skills.map((s) =>
      say.t('why.skill', { skill: say.tk('skill', s.skill), level: s.level }),
    );
    return [...skills, ...metricText(e.metric, say), ...notes].join(' · ');
  }
  const priority =
    e.agedBy > 0
      ? say.t('why.priorityAged', { priority: e.priority, base: e.basePriority, aged: e.agedBy })
      : say.t('why.priority', { priority: e.priority, base: e.basePriority });
  return [
    priority,
    say.t('why.waited', { seconds: e.waitedSeconds }),
    ...notes,
    ...(e.heldForAgent ? [say.t('why.heldForYou')] : []),
    say.t('why.firstOf', { calls: e.eligibleCalls, queues: e.queues }),
  ].join(' · ');
}

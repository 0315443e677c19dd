import type { StickyBecause } from './types.js';

/**
 * Why the ACD made an offer, as data: the console tells it in the agent's language, and the
 * English sentence of logs, the journal and the supervisor's snapshot is told from it
 * (`describeOffer`), so both always say the same thing.
 */
export type OfferExplanation = AgentChoiceExplanation | CallChoiceExplanation;

/** A call looked for an agent (it arrived, or came back after a reject) and found this one. */
export interface AgentChoiceExplanation {
  kind: 'agent';
  agentId: string;
  /** The skills in force for the call, with this agent's level in each. */
  skills: SkillEvidence[];
  /** The queue's strategy and the figure it ranked the agent by. */
  metric: StrategyMetric;
  notes: EligibilityNote[];
}

/** An agent became free and took this call, the first of the calls they may take. */
export interface CallChoiceExplanation {
  kind: 'call';
  agentId: string;
  callId: string;
  queueId: string;
  /** Effective priority (base + ageing), rounded to one decimal as the text shows it. */
  priority: number;
  basePriority: number;
  /** What waiting added to the base priority; 0 when nothing. */
  agedBy: number;
  waitedSeconds: number;
  notes: EligibilityNote[];
  /** The call was held for this agent (its preferred agent): nobody else could take it yet. */
  heldForAgent: boolean;
  /** How many calls the agent could have taken, and across how many of their queues. */
  eligibleCalls: number;
  queues: number;
}

export interface SkillEvidence {
  skill: string;
  /** The agent's level (0 when they do not have the skill at all). */
  level: number;
  /** The minimum the call asked for. */
  min: number;
}

export type StrategyMetric =
  | { strategy: 'longest-idle'; idleSeconds: number }
  | { strategy: 'fewest-calls'; callsToday: number; idleSeconds: number }
  | { strategy: 'least-talk-time'; talkSecondsToday: number; idleSeconds: number }
  /** `lastOfferedSecondsAgo` null: this queue never offered the agent a call (rank decides). */
  | { strategy: 'round-robin'; lastOfferedSecondsAgo: number | null; rank: number }
  | { strategy: 'ranked'; rank: number; idleSeconds: number };

/**
 * What else made this agent and this call a match. `preferred_agent`: the agent is the call's
 * preferred agent, named by the CRM (`named`) or the one who last served the customer
 * (`last_served`).
 */
export type EligibilityNote =
  | { code: 'requirements_relaxed'; step: number }
  | { code: 'preferred_agent'; because: StickyBecause }
  | { code: 'preferred_agent_unavailable'; agentId: string }
  | { code: 'vip_group'; group: string }
  | { code: 'vip_overflow' };

export function describeSkillEvidence(skills: readonly SkillEvidence[]): string {
  return skills.map((s) => `skill ${s.skill} ${s.level}`).join(', ');
}

export function describeMetric(m: StrategyMetric): string {
  const idle = (s: number) => `idle ${s} s`;
  switch (m.strategy) {
    case 'longest-idle':
      return idle(m.idleSeconds);
    case 'fewest-calls':
      return `${m.callsToday} call${m.callsToday === 1 ? '' : 's'} today, ${idle(m.idleSeconds)}`;
    case 'least-talk-time':
      return `talk ${m.talkSecondsToday} s today, ${idle(m.idleSeconds)}`;
    case 'round-robin':
      return m.lastOfferedSecondsAgo !== null
        ? `next in rotation (last offered ${m.lastOfferedSecondsAgo} s ago)`
        : `next in rotation (not offered yet, rank ${m.rank})`;
    case 'ranked':
      return `rank ${m.rank}, ${idle(m.idleSeconds)}`;
  }
}

export function describeNote(n: EligibilityNote): string {
  switch (n.code) {
    case 'requirements_relaxed':
      return `requirements relaxed (step ${n.step})`;
    case 'preferred_agent':
      return 'preferred agent';
    case 'preferred_agent_unavailable':
      return `preferred agent ${n.agentId} unavailable`;
    case 'vip_group':
      return `VIP group ${n.group}`;
    case 'vip_overflow':
      return 'VIP overflow to general pool';
  }
}

/** The offer in English, as logs, the journal and the supervisor's snapshot have it. */
export function describeOffer(e: OfferExplanation): string {
  if (e.kind === 'agent') {
    const parts = [describeSkillEvidence(e.skills), describeMetric(e.metric)]
      .concat(e.notes.map(describeNote))
      .filter((p) => p.length > 0);
    return `agent ${e.agentId}: ${parts.join(', ')}`;
  }
  const parts = [
    `priority ${e.priority} (base ${e.basePriority}${e.agedBy > 0 ? `, aged +${e.agedBy}` : ''})`,
    `waited ${e.waitedSeconds} s`,
    ...e.notes.map(describeNote),
    ...(e.heldForAgent ? ['held for this agent'] : []),
    `first of ${e.eligibleCalls} eligible call(s) in ${e.queues} queue(s)`,
  ];
  return `call ${e.callId} from queue ${e.queueId} for agent ${e.agentId}: ${parts.join(', ')}`;
}

/**
 * The ACD's vocabulary. Everything here is plain data so that the decision core stays pure: a
 * decision is a function of these values and a time in milliseconds, nothing else.
 */

export const AGENT_STATES = [
  'logged_out',
  'available',
  'reserved',
  'on_call',
  'wrap_up',
  'paused',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export const STRATEGIES = [
  'longest-idle',
  'fewest-calls',
  'least-talk-time',
  'round-robin',
  'ranked',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const QUEUE_EXITS = ['callback', 'voicemail', 'disconnect'] as const;
/** Where a caller leaves the queue to; the telephony layer plays the matching offer. */
export type QueueExit = (typeof QUEUE_EXITS)[number];

/** An agent must hold `skill` with a proficiency of at least `min` (1-5). */
export interface SkillRequirement {
  skill: string;
  min: number;
}

/** From `afterSeconds` of waiting on, `requirements` replace the previous ones (widening the pool). */
export interface RelaxationStep {
  afterSeconds: number;
  requirements: SkillRequirement[];
}

export type OverflowTarget = { queueId: string } | { exit: QueueExit };

export interface PriorityRules {
  /** Base priority per customer tier (from the CRM's service strategy); unknown tiers get 0. */
  tiers: Record<string, number>;
  /** Added to the base priority of VIP callers. */
  vipBonus: number;
  /** Waiting this long raises a caller's priority by one level; 0 turns ageing off. */
  agingSecondsPerLevel: number;
}

export interface VipRules {
  /** VIP callers first go only to agents of this group... */
  agentGroup: string;
  /** ...and to anyone qualified once they have waited this long in the queue. */
  overflowAfterSeconds: number;
}

export interface StickinessRules {
  /** `lastAgentId` counts only if that agent served the customer this recently. */
  lastServedWithinSeconds: number;
  /** How long the call waits for that agent (if logged in and not paused) before anyone else. */
  holdSeconds: number;
}

export interface OverflowRules {
  /** Time in this queue after which the call leaves it; null: never by time. */
  afterSeconds: number | null;
  /** Leave at once when no logged-in member could ever serve the call (even fully relaxed). */
  whenNoQualifiedAgents: boolean;
  target: OverflowTarget;
}

export interface QueueConfig {
  id: string;
  name: string;
  strategy: Strategy;
  ringTimeoutSeconds: number;
  wrapUpSeconds: number;
  /** Total wait after which the caller exits to `maxWaitExit`; null: no limit. */
  maxWaitSeconds: number | null;
  maxWaitExit: QueueExit;
  /** Callers beyond this many waiting are refused (exit `overflow.target` or callback). */
  maxQueueLength: number | null;
  serviceLevelSeconds: number;
  requirements: SkillRequirement[];
  relaxation: RelaxationStep[];
  priority: PriorityRules;
  vip: VipRules | null;
  stickiness: StickinessRules | null;
  overflow: OverflowRules | null;
  /** An agent who rejected or missed a call is not offered the same call again for this long. */
  declineCooldownSeconds: number;
  /** Handle time assumed for wait estimates until the queue has answered calls today. */
  defaultHandleSeconds: number;
}

export interface QueueMembership {
  queueId: string;
  /** Position in the queue's ranked list (1 is offered first); used by the `ranked` strategy. */
  rank: number;
}

export interface AgentProfile {
  id: string;
  name: string;
  /** Skill name → proficiency 1-5. */
  skills: Record<string, number>;
  /** Agent groups, e.g. the VIP team. */
  groups: string[];
  queues: QueueMembership[];
}

/** A call as the telephony layer hands it to the ACD, with the CRM's service strategy applied. */
export interface CallInput {
  id: string;
  queueId: string;
  /** When the caller started waiting (ms); defaults to now. Kept through offers and overflow. */
  enqueuedAt?: number;
  tier?: string;
  vip?: boolean;
  /** An explicit priority from the CRM overrides the tier mapping. */
  priority?: number;
  /** Overrides the queue's requirements (e.g. the language chosen in the IVR). */
  requirements?: SkillRequirement[];
  relaxation?: RelaxationStep[];
  /** An agent the CRM names for this customer (account manager): preferred without a time limit. */
  preferredAgentId?: string;
  /** The agent who last served the customer, and when (ms). */
  lastAgentId?: string;
  lastServedAt?: number;
  customerId?: string;
}

/** Why a call has a preferred agent: the CRM named them, or they served the customer last. */
export type StickyBecause = 'named' | 'last_served';

/** A waiting call as the decision core sees it. */
export interface RoutedCall {
  id: string;
  queueId: string;
  enqueuedAt: number;
  /** When the call entered its current queue (differs from enqueuedAt after an overflow). */
  queueEnteredAt: number;
  basePriority: number;
  vip: boolean;
  tier: string | null;
  requirements: SkillRequirement[] | null;
  relaxation: RelaxationStep[] | null;
  stickyAgentId: string | null;
  stickyBecause: StickyBecause | null;
  /** The preferred agent is waited for until this time (ms); null: no hold. */
  stickyUntil: number | null;
  /** Agent id → when that agent rejected or missed this call (ms). */
  declined: Record<string, number>;
  /** Queues this call has overflowed through so far. */
  hops: number;
}

/** A free (or about to be free) agent, seen from one queue. */
export interface AgentCandidate {
  id: string;
  skills: Record<string, number>;
  groups: string[];
  /** Rank in this queue's list. */
  rank: number;
  /** When the agent's last call ended (or when they logged in). */
  idleSince: number;
  callsToday: number;
  talkSecondsToday: number;
  /** When this queue last offered the agent a call; 0: never. */
  lastOfferedAt: number;
}

/**
 * Where the call's preferred agent is: `free` (can take it now), `busy` (logged in, will be free:
 * worth holding the call for), `away` (logged out, paused or not in this queue: do not hold).
 */
export type StickyStatus = 'free' | 'busy' | 'away';

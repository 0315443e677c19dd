import { checkEligibility, holdingForPreferred, vipGroupUntil } from './eligibility.js';
import {
  describeOffer,
  type AgentChoiceExplanation,
  type CallChoiceExplanation,
  type EligibilityNote,
} from './explanation.js';
import { agedBy, compareCalls, effectivePriority } from './priority.js';
import { activeRequirements, describeRequirement, skillEvidence } from './skills.js';
import { compareAgents, strategyMetric } from './strategy.js';
import type { AgentCandidate, QueueConfig, RoutedCall, StickyStatus } from './types.js';

/** `reason` is `explanation` in English (`describeOffer`). */
export type AgentDecision =
  | { agent: AgentCandidate; reason: string; explanation: AgentChoiceExplanation }
  | { agent: null; reason: string };

export interface ChooseAgentInput {
  call: RoutedCall;
  queue: QueueConfig;
  /** Free agents of the call's queue, in any order. */
  candidates: readonly AgentCandidate[];
  now: number;
  /** Where the call's preferred agent is (ignored when the call has none). */
  sticky: StickyStatus;
}

function agentChosen(
  input: ChooseAgentInput,
  agent: AgentCandidate,
  notes: EligibilityNote[],
): AgentDecision {
  const req = activeRequirements(input.call, input.queue, input.now).requirements;
  const explanation: AgentChoiceExplanation = {
    kind: 'agent',
    agentId: agent.id,
    skills: skillEvidence(agent.skills, req),
    metric: strategyMetric(input.queue.strategy, agent, input.now),
    notes,
  };
  return { agent, reason: describeOffer(explanation), explanation };
}

/**
 * The best free agent for a call: its preferred agent when free and qualified, otherwise the first
 * qualified agent in the queue's strategy order. Without one, the reason says what is missing.
 */
export function chooseAgent(input: ChooseAgentInput): AgentDecision {
  const { call, queue, now, sticky } = input;
  const preferred = call.stickyAgentId
    ? input.candidates.find((a) => a.id === call.stickyAgentId)
    : undefined;
  if (preferred) {
    const e = checkEligibility(call, queue, preferred, now, 'free');
    if (e.ok) return agentChosen(input, preferred, e.notes);
  }
  const ordered = [...input.candidates].sort((a, b) => compareAgents(queue.strategy, a, b));
  let firstRefusal: string | null = null;
  for (const agent of ordered) {
    const e = checkEligibility(call, queue, agent, now, sticky);
    if (e.ok) return agentChosen(input, agent, e.notes);
    firstRefusal ??= e.why;
  }
  return { agent: null, reason: noAgentReason(input, firstRefusal) };
}

function noAgentReason(input: ChooseAgentInput, firstRefusal: string | null): string {
  const { call, queue, now, sticky } = input;
  if (holdingForPreferred(call, now, sticky)) {
    const left = Math.max(0, Math.round(((call.stickyUntil ?? now) - now) / 1000));
    return `waiting for preferred agent ${call.stickyAgentId} (${sticky}) for ${left} s more`;
  }
  if (input.candidates.length === 0) return noFreeAgentReason(call, queue, now);
  return (
    `none of ${input.candidates.length} free agent(s) qualifies${needs(call, queue, now)}` +
    (firstRefusal ? ` (e.g. ${firstRefusal})` : '')
  );
}

/** Why a call with no preferred agent waits when its queue has no free agent at all. */
export function noFreeAgentReason(call: RoutedCall, queue: QueueConfig, now: number): string {
  return `no free agent in queue ${queue.id}${needs(call, queue, now)}`;
}

/**
 * Why a call with no preferred agent waits when every free agent of its queue was looked at and
 * none qualifies (the store's one-step check, which does not bring the agents back).
 */
export function noQualifiedFreeAgentReason(
  call: RoutedCall,
  queue: QueueConfig,
  now: number,
): string {
  const vipUntil = vipGroupUntil(call, queue);
  const vip =
    vipUntil !== null && now < vipUntil && queue.vip
      ? `; VIP caller reserved for group ${queue.vip.agentGroup} for ${Math.round((vipUntil - now) / 1000)} s more`
      : '';
  return `none of the free agents of queue ${queue.id} qualifies${needs(call, queue, now)}${vip}`;
}

function needs(call: RoutedCall, queue: QueueConfig, now: number): string {
  const req = activeRequirements(call, queue, now).requirements;
  return req.length ? `; needs ${req.map(describeRequirement).join(', ')}` : '';
}

/** A waiting call seen by an agent who is becoming free. */
export interface CallCandidate {
  call: RoutedCall;
  queue: QueueConfig;
  /** Where this call's preferred agent is (ignored when the call has none). */
  sticky: StickyStatus;
}

/** `reason` is `explanation` in English (`describeOffer`). */
export type CallDecision =
  | { item: CallCandidate; priority: number; reason: string; explanation: CallChoiceExplanation }
  | { item: null; reason: string };

export interface ChooseCallInput {
  agent: Pick<AgentCandidate, 'id' | 'skills' | 'groups'>;
  /** Waiting calls from all the agent's queues, in any order. */
  candidates: readonly CallCandidate[];
  now: number;
}

/**
 * The call a free agent takes: among the calls of all the agent's queues that the agent may take,
 * the highest effective priority, then the longest-waiting caller. One order across queues. A call
 * being held for this very agent (its preferred agent) comes first: nobody else may take it yet.
 */
export function chooseCall(input: ChooseCallInput): CallDecision {
  const { agent, now } = input;
  const eligible: {
    item: CallCandidate;
    priority: number;
    call: RoutedCall;
    notes: EligibilityNote[];
    heldForMe: boolean;
  }[] = [];
  let firstRefusal: string | null = null;
  for (const item of input.candidates) {
    const e = checkEligibility(item.call, item.queue, agent, now, item.sticky);
    if (!e.ok) {
      firstRefusal ??= e.why;
      continue;
    }
    const priority = effectivePriority(item.call, item.queue, now);
    const heldForMe =
      item.call.stickyAgentId === agent.id &&
      item.call.stickyUntil !== null &&
      now < item.call.stickyUntil;
    eligible.push({ item, priority, call: item.call, notes: e.notes, heldForMe });
  }
  if (eligible.length === 0) {
    const n = input.candidates.length;
    return {
      item: null,
      reason:
        n === 0
          ? `agent ${agent.id}: no call waiting in their queues`
          : `agent ${agent.id}: none of ${n} waiting call(s) is eligible${firstRefusal ? ` (e.g. ${firstRefusal})` : ''}`,
    };
  }
  eligible.sort((a, b) => Number(b.heldForMe) - Number(a.heldForMe) || compareCalls(a, b));
  const best = eligible[0]!;
  const { call, queue } = best.item;
  const aged = agedBy(call, queue, now);
  const explanation: CallChoiceExplanation = {
    kind: 'call',
    agentId: agent.id,
    callId: call.id,
    queueId: queue.id,
    priority: round1(best.priority),
    basePriority: round1(call.basePriority),
    agedBy: aged > 0 ? round1(aged) : 0,
    waitedSeconds: Math.max(0, Math.round((now - call.enqueuedAt) / 1000)),
    notes: best.notes,
    heldForAgent: best.heldForMe,
    eligibleCalls: eligible.length,
    queues: new Set(eligible.map((e) => e.item.queue.id)).size,
  };
  return {
    item: best.item,
    priority: best.priority,
    reason: describeOffer(explanation),
    explanation,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

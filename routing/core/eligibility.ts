import type { EligibilityNote } from './explanation.js';
import { activeRequirements, describeRequirement, missingSkill } from './skills.js';
import type {
  AgentCandidate,
  CallInput,
  QueueConfig,
  RoutedCall,
  SkillRequirement,
  StickyBecause,
  StickyStatus,
} from './types.js';

export type Eligibility = { ok: true; notes: EligibilityNote[] } | { ok: false; why: string };

type AgentLike = Pick<AgentCandidate, 'id' | 'skills' | 'groups'>;

const secs = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;

/**
 * The agent this call should wait for, and until when: the CRM's named agent, or the agent who
 * last served the customer within the queue's window. No hold without stickiness rules.
 */
export function stickyTarget(
  call: Pick<CallInput, 'preferredAgentId' | 'lastAgentId' | 'lastServedAt'>,
  queue: QueueConfig,
  enqueuedAt: number,
): { agentId: string; until: number; because: StickyBecause } | null {
  const rules = queue.stickiness;
  if (!rules) return null;
  const until = enqueuedAt + rules.holdSeconds * 1000;
  if (call.preferredAgentId) return { agentId: call.preferredAgentId, until, because: 'named' };
  if (call.lastAgentId && call.lastServedAt !== undefined) {
    const age = enqueuedAt - call.lastServedAt;
    if (age <= rules.lastServedWithinSeconds * 1000) {
      return { agentId: call.lastAgentId, until, because: 'last_served' };
    }
  }
  return null;
}

/** Why a stored call's preferred agent is theirs (the CRM's named agent comes first). */
export function stickyBecause(
  call: Pick<CallInput, 'preferredAgentId'>,
  stickyAgentId: string | null,
): StickyBecause | null {
  if (stickyAgentId === null) return null;
  return stickyAgentId === call.preferredAgentId ? 'named' : 'last_served';
}

/** Is the call still being held for its preferred agent (who is not this agent)? */
export function holdingForPreferred(call: RoutedCall, now: number, sticky: StickyStatus): boolean {
  if (!call.stickyAgentId || call.stickyUntil === null || now >= call.stickyUntil) return false;
  if (sticky === 'away') return false;
  return call.declined[call.stickyAgentId] === undefined;
}

/** When VIP callers may go beyond the VIP group (ms); null when the rule does not apply. */
export function vipGroupUntil(call: RoutedCall, queue: QueueConfig): number | null {
  if (!call.vip || !queue.vip) return null;
  return call.queueEnteredAt + queue.vip.overflowAfterSeconds * 1000;
}

/**
 * May this agent take this call now? Checked in this order: a recent decline of this very call,
 * the skills in force (after relaxation), the hold for a preferred agent, the VIP group.
 */
export function checkEligibility(
  call: RoutedCall,
  queue: QueueConfig,
  agent: AgentLike,
  now: number,
  sticky: StickyStatus,
): Eligibility {
  const declinedAt = call.declined[agent.id];
  if (declinedAt !== undefined && now - declinedAt < queue.declineCooldownSeconds * 1000) {
    return { ok: false, why: `agent ${agent.id} declined this call ${secs(now - declinedAt)} ago` };
  }
  const req = activeRequirements(call, queue, now);
  const missing = missingSkill(agent.skills, req.requirements);
  if (missing) {
    return {
      ok: false,
      why: `agent ${agent.id} lacks ${describeRequirement(missing)} (has ${agent.skills[missing.skill] ?? 0})`,
    };
  }
  const notes: EligibilityNote[] = [];
  if (req.step >= 0) notes.push({ code: 'requirements_relaxed', step: req.step + 1 });
  if (call.stickyAgentId === agent.id) {
    notes.push({ code: 'preferred_agent', because: call.stickyBecause ?? 'last_served' });
    return { ok: true, notes };
  }
  if (holdingForPreferred(call, now, sticky)) {
    return {
      ok: false,
      why: `held for preferred agent ${call.stickyAgentId} for ${secs((call.stickyUntil ?? now) - now)} more`,
    };
  }
  if (call.stickyAgentId) {
    notes.push({ code: 'preferred_agent_unavailable', agentId: call.stickyAgentId });
  }
  const vipUntil = vipGroupUntil(call, queue);
  if (vipUntil !== null && queue.vip) {
    const inGroup = agent.groups.includes(queue.vip.agentGroup);
    if (now < vipUntil && !inGroup) {
      return {
        ok: false,
        why: `VIP caller reserved for group ${queue.vip.agentGroup} for ${secs(vipUntil - now)} more`,
      };
    }
    notes.push(
      inGroup ? { code: 'vip_group', group: queue.vip.agentGroup } : { code: 'vip_overflow' },
    );
  }
  return { ok: true, notes };
}

/**
 * What `checkEligibility` comes down to for a call with no preferred agent that nobody declined
 * (every new arrival without stickiness): the skills in force and, during the VIP-only period,
 * the VIP group. Free agents are already in the strategy's order, so the first free agent that
 * passes this filter is exactly the one `chooseAgent` picks; the store applies it inside the
 * enqueue script and an arrival costs one round trip. Null when the full rules are needed.
 */
export interface AgentFilter {
  requirements: SkillRequirement[];
  /** The agent must be in this group (VIP-only period); null: any group. */
  group: string | null;
}

export function agentFilter(call: RoutedCall, queue: QueueConfig, now: number): AgentFilter | null {
  if (call.stickyAgentId !== null || Object.keys(call.declined).length > 0) return null;
  const vipUntil = vipGroupUntil(call, queue);
  const group = vipUntil !== null && now < vipUntil && queue.vip ? queue.vip.agentGroup : null;
  return { requirements: activeRequirements(call, queue, now).requirements, group };
}

export function passesFilter(filter: AgentFilter, agent: AgentLike): boolean {
  if (filter.group !== null && !agent.groups.includes(filter.group)) return false;
  return missingSkill(agent.skills, filter.requirements) === null;
}

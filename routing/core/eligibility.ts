import { activeRequirements, describeRequirement, missingSkill } from './skills.js';
import type { AgentCandidate, CallInput, QueueConfig, RoutedCall, StickyStatus } from './types.js';

export type Eligibility = { ok: true; notes: string[] } | { ok: false; why: string };

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
): { agentId: string; until: number } | null {
  const rules = queue.stickiness;
  if (!rules) return null;
  let agentId: string | null = call.preferredAgentId ?? null;
  if (!agentId && call.lastAgentId && call.lastServedAt !== undefined) {
    const age = enqueuedAt - call.lastServedAt;
    if (age <= rules.lastServedWithinSeconds * 1000) agentId = call.lastAgentId;
  }
  return agentId ? { agentId, until: enqueuedAt + rules.holdSeconds * 1000 } : null;
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
  const notes: string[] = [];
  if (req.step >= 0) notes.push(`requirements relaxed (step ${req.step + 1})`);
  if (call.stickyAgentId === agent.id) {
    notes.push('preferred agent');
    return { ok: true, notes };
  }
  if (holdingForPreferred(call, now, sticky)) {
    return {
      ok: false,
      why: `held for preferred agent ${call.stickyAgentId} for ${secs((call.stickyUntil ?? now) - now)} more`,
    };
  }
  if (call.stickyAgentId) notes.push(`preferred agent ${call.stickyAgentId} unavailable`);
  const vipUntil = vipGroupUntil(call, queue);
  if (vipUntil !== null && queue.vip) {
    const inGroup = agent.groups.includes(queue.vip.agentGroup);
    if (now < vipUntil && !inGroup) {
      return {
        ok: false,
        why: `VIP caller reserved for group ${queue.vip.agentGroup} for ${secs(vipUntil - now)} more`,
      };
    }
    notes.push(inGroup ? `VIP group ${queue.vip.agentGroup}` : 'VIP overflow to general pool');
  }
  return { ok: true, notes };
}

import { vipGroupUntil } from './eligibility.js';
import {
  activeRequirements,
  describeRequirement,
  finalRequirements,
  meetsRequirements,
} from './skills.js';
import type { AgentProfile, QueueConfig, QueueExit, RoutedCall } from './types.js';

/** What happens to a waiting call when it is looked at again (on a timer or a change). */
export type ReviewDecision =
  | { kind: 'exit'; exit: QueueExit; reason: string }
  | { kind: 'overflow'; toQueueId: string; reason: string }
  | { kind: 'route' };

export interface ReviewContext {
  /** Is any logged-in member of the queue able to serve the call once fully relaxed? */
  qualifiedLoggedIn: boolean;
  /** Calls that have overflowed this many times exit to a callback instead of moving again. */
  maxHops: number;
}

function leave(queue: QueueConfig, call: RoutedCall, why: string, maxHops: number): ReviewDecision {
  const target = queue.overflow?.target ?? { exit: 'callback' as const };
  if ('exit' in target)
    return { kind: 'exit', exit: target.exit, reason: `${why}: exit to ${target.exit}` };
  if (call.hops >= maxHops) {
    return {
      kind: 'exit',
      exit: 'callback',
      reason: `${why}: already overflowed ${call.hops} times, exit to callback`,
    };
  }
  return {
    kind: 'overflow',
    toQueueId: target.queueId,
    reason: `${why}: overflow to queue ${target.queueId}`,
  };
}

/** Max wait first (it bounds the caller's whole wait), then the queue's overflow rules. */
export function reviewCall(
  call: RoutedCall,
  queue: QueueConfig,
  now: number,
  ctx: ReviewContext,
): ReviewDecision {
  const waited = (now - call.enqueuedAt) / 1000;
  if (queue.maxWaitSeconds !== null && waited >= queue.maxWaitSeconds) {
    return {
      kind: 'exit',
      exit: queue.maxWaitExit,
      reason: `waited ${Math.round(waited)} s ≥ max wait ${queue.maxWaitSeconds} s: exit to ${queue.maxWaitExit}`,
    };
  }
  const overflow = queue.overflow;
  if (overflow) {
    const inQueue = (now - call.queueEnteredAt) / 1000;
    if (overflow.afterSeconds !== null && inQueue >= overflow.afterSeconds) {
      return leave(
        queue,
        call,
        `waited ${Math.round(inQueue)} s in queue ${queue.id} ≥ ${overflow.afterSeconds} s`,
        ctx.maxHops,
      );
    }
    if (overflow.whenNoQualifiedAgents && !ctx.qualifiedLoggedIn) {
      const need = finalRequirements(call, queue).map(describeRequirement).join(', ');
      return leave(
        queue,
        call,
        `no logged-in agent of queue ${queue.id} qualifies${need ? ` (${need})` : ''}`,
        ctx.maxHops,
      );
    }
  }
  return { kind: 'route' };
}

/** Where a full queue sends a new caller. */
export function refuseFull(queue: QueueConfig, call: RoutedCall, maxHops: number): ReviewDecision {
  return leave(queue, call, `queue ${queue.id} is full (${queue.maxQueueLength} waiting)`, maxHops);
}

/** Could any of these logged-in members ever serve the call (fully relaxed, any group)? */
export function anyQualified(
  call: RoutedCall,
  queue: QueueConfig,
  members: readonly Pick<AgentProfile, 'skills'>[],
): boolean {
  const req = finalRequirements(call, queue);
  return members.some((m) => meetsRequirements(m.skills, req));
}

/**
 * The next moment the call's situation changes by itself: a relaxation step, the end of a hold
 * for the preferred agent, the end of the VIP-only period, a decline cooldown running out, an
 * overflow or max-wait deadline. The store reviews the call then. Null: nothing pending.
 */
export function nextReviewAt(call: RoutedCall, queue: QueueConfig, now: number): number | null {
  const times: number[] = [];
  const relax = activeRequirements(call, queue, now).nextAt;
  if (relax !== null) times.push(relax);
  if (call.stickyUntil !== null) times.push(call.stickyUntil);
  const vip = vipGroupUntil(call, queue);
  if (vip !== null) times.push(vip);
  for (const at of Object.values(call.declined))
    times.push(at + queue.declineCooldownSeconds * 1000);
  if (queue.overflow?.afterSeconds != null) {
    times.push(call.queueEnteredAt + queue.overflow.afterSeconds * 1000);
  }
  if (queue.maxWaitSeconds !== null) times.push(call.enqueuedAt + queue.maxWaitSeconds * 1000);
  const future = times.filter((t) => t > now);
  return future.length ? Math.min(...future) : null;
}

import { basePriority } from './priority.js';
import { stickyTarget } from './eligibility.js';
import type { CallInput, QueueConfig, RoutedCall } from './types.js';

/** A new call as the decision core sees it on entering `queue` at `now`. */
export function toRoutedCall(input: CallInput, queue: QueueConfig, now: number): RoutedCall {
  const enqueuedAt = input.enqueuedAt ?? now;
  const sticky = stickyTarget(input, queue, enqueuedAt);
  return {
    id: input.id,
    queueId: queue.id,
    enqueuedAt,
    queueEnteredAt: now,
    basePriority: basePriority(input, queue),
    vip: input.vip ?? false,
    tier: input.tier ?? null,
    requirements: input.requirements ?? null,
    relaxation: input.relaxation ?? null,
    stickyAgentId: sticky?.agentId ?? null,
    stickyBecause: sticky?.because ?? null,
    stickyUntil: sticky?.until ?? null,
    declined: {},
    hops: 0,
  };
}

/** The same call after overflowing into `queue` at `now` (enqueue time and priority kept). */
export function movedCall(
  call: RoutedCall,
  input: CallInput,
  queue: QueueConfig,
  now: number,
): RoutedCall {
  const sticky = stickyTarget(input, queue, now);
  return {
    ...call,
    queueId: queue.id,
    queueEnteredAt: now,
    stickyAgentId: sticky?.agentId ?? null,
    stickyBecause: sticky?.because ?? null,
    stickyUntil: sticky?.until ?? null,
    hops: call.hops + 1,
  };
}

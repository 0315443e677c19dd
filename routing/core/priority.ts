import type { CallInput, QueueConfig, RoutedCall } from './types.js';

/** Base priority from the CRM's service strategy: explicit priority, else tier (+ VIP bonus). */
export function basePriority(
  call: Pick<CallInput, 'priority' | 'tier' | 'vip'>,
  queue: QueueConfig,
) {
  if (call.priority !== undefined) return call.priority;
  const tier = call.tier !== undefined ? (queue.priority.tiers[call.tier] ?? 0) : 0;
  return tier + (call.vip ? queue.priority.vipBonus : 0);
}

/**
 * Priority rises by one level per `agingSecondsPerLevel` of waiting (since the first enqueue), so a
 * low-tier caller eventually outranks newly arrived higher tiers: nobody starves.
 */
export function effectivePriority(
  call: Pick<RoutedCall, 'basePriority' | 'enqueuedAt'>,
  queue: QueueConfig,
  now: number,
): number {
  const per = queue.priority.agingSecondsPerLevel;
  if (per <= 0) return call.basePriority;
  return call.basePriority + Math.max(0, now - call.enqueuedAt) / (per * 1000);
}

/** Priority added by waiting alone. */
export function agedBy(
  call: Pick<RoutedCall, 'basePriority' | 'enqueuedAt'>,
  queue: QueueConfig,
  now: number,
) {
  return effectivePriority(call, queue, now) - call.basePriority;
}

/**
 * A time-independent sort key for a queue's waiting list: ascending key = descending effective
 * priority at any moment, because every call of one queue ages at the same rate
 * (base + (now - t)/a  >  base' + (now - t')/a   ⇔   t/a - base  <  t'/a - base'). Equal keys mean
 * equal priority; the store breaks those ties by call id, the core by enqueue time.
 */
export function callOrderKey(
  call: Pick<RoutedCall, 'basePriority' | 'enqueuedAt'>,
  queue: QueueConfig,
): number {
  const per = queue.priority.agingSecondsPerLevel;
  if (per <= 0) return call.enqueuedAt - call.basePriority * 1e12;
  return call.enqueuedAt / (per * 1000) - call.basePriority;
}

/** Higher effective priority first, then the caller who has waited longest, then id. */
export function compareCalls(
  a: { call: RoutedCall; priority: number },
  b: { call: RoutedCall; priority: number },
): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.call.enqueuedAt !== b.call.enqueuedAt) return a.call.enqueuedAt - b.call.enqueuedAt;
  return a.call.id < b.call.id ? -1 : a.call.id > b.call.id ? 1 : 0;
}

import { chooseAgent } from '../core/choose.js';
import type { QueueConfig, RoutedCall } from '../core/types.js';
import type { OfferWhy } from './outcomes.js';
import { candidateFor, type AgentRecord, type CallRecord } from './records.js';

/**
 * The core's reason for offering `call` to `agent` (as the agent was at `at`), in words and as
 * data, or null when the core would not offer it to them. Offers made inside the enqueue script
 * store the agent's record instead of words; the words are told here, by the core, when the offer
 * is returned and when a supervisor reads the call.
 */
export function offerReason(
  call: RoutedCall,
  queue: QueueConfig,
  agent: AgentRecord,
  at: number,
  day: string,
): OfferWhy | null {
  const d = chooseAgent({
    call,
    queue,
    candidates: [candidateFor(agent, queue.id, day)],
    now: at,
    sticky: 'away',
  });
  return d.agent ? { reason: d.reason, explanation: d.explanation } : null;
}

/** The last routing decision about a call, in words. */
export function callReason(
  c: CallRecord,
  queue: QueueConfig | undefined,
  dayOf: (ms: number) => string,
): string {
  if (c.why !== '' || !c.offeredTo || c.offeredAt === null || !queue) return c.why;
  const why = offerReason(c.routed, queue, c.offeredTo, c.offeredAt, dayOf(c.offeredAt));
  return why?.reason ?? c.why;
}

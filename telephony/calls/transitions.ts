import { CallError } from './errors.js';
import type { CallState } from './model.js';

/**
 * The call's life cycle. A call may also stay in its state (data changes without a move); any
 * move not listed is refused with `illegal_transition` and logged by the caller.
 *
 * - ivr → queued: the script routed the caller to a queue.
 * - queued → offering: the ACD offered an agent; offering → queued: no answer, busy, failed,
 *   withdrawn (the caller keeps their place in the ACD).
 * - offering → connected: agent and caller bridged.
 * - connected → queued: the agent hung up and the queue sends the caller back to the queue.
 * - connected → wrap_up: either side hung up; the agent wraps up.
 * - ivr, queued, offering, wrap_up → ended; connected → ended only without an agent to wrap up.
 */
export const TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = {
  ivr: ['queued', 'ended'],
  queued: ['offering', 'ended'],
  offering: ['connected', 'queued', 'ended'],
  connected: ['wrap_up', 'queued', 'ended'],
  wrap_up: ['ended'],
  ended: [],
};

export function canMove(from: CallState, to: CallState): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Throws `illegal_transition` (with the allowed moves) unless `from → to` is in the table. */
export function checkMove(callId: string, from: CallState, to: CallState): void {
  if (canMove(from, to)) return;
  throw new CallError(
    'illegal_transition',
    `call ${callId}: ${from} → ${to} is not allowed (allowed: ${TRANSITIONS[from].join(', ') || 'none'})`,
    { callId, from, to, allowed: TRANSITIONS[from] },
  );
}

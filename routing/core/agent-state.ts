import { RoutingError } from '../errors.js';
import type { AgentState } from './types.js';

/**
 * The agent state machine. `reserved` means "being offered a call"; it is left by accepting
 * (on_call), by rejecting or missing the offer (available, or paused after too many misses), or by
 * pausing or logging out (the call goes back to its place in the queue). A call in progress must be
 * released (wrap-up) before anything else happens to the agent.
 */
const MOVES: Readonly<Record<AgentState, readonly AgentState[]>> = {
  logged_out: ['available', 'paused'],
  available: ['reserved', 'paused', 'logged_out'],
  reserved: ['on_call', 'available', 'paused', 'logged_out'],
  on_call: ['wrap_up'],
  wrap_up: ['available', 'reserved', 'paused', 'logged_out'],
  paused: ['available', 'reserved', 'paused', 'logged_out'],
};

export function allowedMoves(from: AgentState): readonly AgentState[] {
  return MOVES[from];
}

export function canMove(from: AgentState, to: AgentState): boolean {
  return MOVES[from].includes(to);
}

/** The states from which `to` may be reached, for the store's atomic state checks. */
export function statesAllowing(to: AgentState): AgentState[] {
  return (Object.keys(MOVES) as AgentState[]).filter((from) => MOVES[from].includes(to));
}

export function illegalTransition(agentId: string, from: AgentState, to: AgentState): RoutingError {
  const allowed = allowedMoves(from);
  return new RoutingError(
    'illegal_agent_transition',
    `agent ${agentId} cannot go from ${from} to ${to} (allowed: ${allowed.join(', ') || 'none'})`,
    { agentId, from, to, allowed },
  );
}

export function assertMove(agentId: string, from: AgentState, to: AgentState): void {
  if (!canMove(from, to)) throw illegalTransition(agentId, from, to);
}

/**
 * Consecutive missed offers (rejected or timed out) that pause the agent with reason "no answer".
 * Returns the state the agent goes to after one more miss.
 */
export function afterMissedOffer(
  consecutiveMisses: number,
  maxMisses: number,
): { state: 'available' | 'paused'; reason: string | null } {
  return maxMisses > 0 && consecutiveMisses >= maxMisses
    ? { state: 'paused', reason: NO_ANSWER }
    : { state: 'available', reason: null };
}

export const NO_ANSWER = 'no answer';

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
 * A pause or logout ordered while the agent is busy with a call (a supervisor's force pause or
 * logout), kept until the call is over: the agent then goes to this state instead of available.
 */
export interface AfterCallMove {
  state: 'paused' | 'logged_out';
  /** The pause reason code; '' for a logout. */
  reason: string;
}

/**
 * States in which a call is the agent's (ringing, connected, or being wrapped up): a move ordered
 * "after the call" waits there instead of taking the call away or being refused.
 */
export const BUSY_STATES: readonly AgentState[] = ['reserved', 'on_call', 'wrap_up'];

/** Whether a pause or logout ordered after the call waits (busy agent) or happens now. */
export function waitsForCall(from: AgentState): boolean {
  return BUSY_STATES.includes(from);
}

/**
 * Where an agent goes once its call is over (wrap-up ended, or the offer declined or missed):
 * the move ordered meanwhile if any, else available (and matched with the next call).
 */
export function afterCall(
  pending: AfterCallMove | null,
): AfterCallMove | { state: 'available'; reason: '' } {
  return pending ?? { state: 'available', reason: '' };
}

/**
 * Consecutive missed offers (rejected or timed out) that pause the agent with reason "no answer".
 * Returns the state the agent goes to after one more miss. A move ordered after the call takes
 * precedence: the agent leaves the offer as if free, and that move is applied then.
 */
export function afterMissedOffer(
  consecutiveMisses: number,
  maxMisses: number,
  pending: AfterCallMove | null = null,
): { state: 'available' | 'paused'; reason: string | null } {
  return pending === null && maxMisses > 0 && consecutiveMisses >= maxMisses
    ? { state: 'paused', reason: NO_ANSWER }
    : { state: 'available', reason: null };
}

export const NO_ANSWER = 'no answer';

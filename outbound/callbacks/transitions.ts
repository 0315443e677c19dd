import { OutboundError } from '../errors.js';
import type { Callback, CallbackState } from './callback.js';

/**
 * The legal moves of a callback. The processor that runs a callback reserves the agent before
 * it dials, so a customer never answers into silence: `dialing` is reachable only from
 * `reserved_agent`.
 */
const MOVES: Record<CallbackState, readonly CallbackState[]> = {
  pending: ['reserved_agent', 'expired', 'cancelled'],
  // The agent can be lost before the dial starts (logged out, took another call).
  reserved_agent: ['dialing', 'pending', 'expired', 'cancelled'],
  dialing: ['connected', 'no_answer', 'busy'],
  connected: ['completed'],
  no_answer: ['retry_scheduled', 'expired', 'cancelled'],
  busy: ['retry_scheduled', 'expired', 'cancelled'],
  retry_scheduled: ['pending', 'expired', 'cancelled'],
  completed: [],
  expired: [],
  cancelled: [],
};

export function canMoveCallback(from: CallbackState, to: CallbackState): boolean {
  return MOVES[from].includes(to);
}

/** Returns the callback in its new state; throws `illegal_transition` for a move not listed. */
export function moveCallback(
  cb: Callback,
  to: CallbackState,
  at: Date,
  patch: Partial<Pick<Callback, 'agentId' | 'nextAttemptAt' | 'attempts' | 'closedReason'>> = {},
): Callback {
  if (!canMoveCallback(cb.state, to)) {
    throw new OutboundError(
      'illegal_transition',
      `callback ${cb.id} cannot go from ${cb.state} to ${to}`,
      { id: cb.id, from: cb.state, to },
    );
  }
  return { ...cb, ...patch, state: to, updatedAt: at };
}

export function reserveAgent(cb: Callback, agentId: string, at: Date): Callback {
  if (!agentId) throw new OutboundError('invalid_callback', 'agentId is required to reserve');
  return moveCallback(cb, 'reserved_agent', at, { agentId });
}

/** The reserved agent became unavailable before the dial: back to waiting, no attempt used. */
export function releaseAgent(cb: Callback, at: Date): Callback {
  return moveCallback(cb, 'pending', at, { agentId: null });
}

export function startDial(cb: Callback, at: Date): Callback {
  return moveCallback(cb, 'dialing', at, { attempts: cb.attempts + 1, nextAttemptAt: null });
}

export function markConnected(cb: Callback, at: Date): Callback {
  return moveCallback(cb, 'connected', at);
}

export function markDialFailed(cb: Callback, outcome: 'no_answer' | 'busy', at: Date): Callback {
  return moveCallback(cb, outcome, at, { agentId: null });
}

export function completeCallback(cb: Callback, at: Date): Callback {
  return moveCallback(cb, 'completed', at, { nextAttemptAt: null });
}

/** A scheduled retry is due: the callback waits for an agent again. */
export function retryDue(cb: Callback, now: Date): Callback {
  if (cb.state === 'retry_scheduled' && cb.nextAttemptAt && now < cb.nextAttemptAt) {
    throw new OutboundError(
      'illegal_transition',
      `callback ${cb.id} retry is due at ${cb.nextAttemptAt.toISOString()}, not yet`,
      { id: cb.id, nextAttemptAt: cb.nextAttemptAt.toISOString() },
    );
  }
  return moveCallback(cb, 'pending', now);
}

export function cancelCallback(cb: Callback, reason: string, at: Date): Callback {
  return moveCallback(cb, 'cancelled', at, {
    agentId: null,
    nextAttemptAt: null,
    closedReason: reason || 'cancelled',
  });
}

export function expireCallback(cb: Callback, reason: string, at: Date): Callback {
  return moveCallback(cb, 'expired', at, {
    agentId: null,
    nextAttemptAt: null,
    closedReason: reason,
  });
}

/** Expires a waiting callback whose window has closed; leaves any other one as it is. */
export function expireIfWindowPassed(cb: Callback, now: Date): Callback {
  const waiting =
    cb.state === 'pending' || cb.state === 'retry_scheduled' || cb.state === 'reserved_agent';
  if (waiting && now.getTime() > cb.window.latest.getTime()) {
    return expireCallback(cb, 'window_passed', now);
  }
  return cb;
}

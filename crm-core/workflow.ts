import { CrmError } from './errors.js';

/**
 * Status workflows as data. A move not listed is refused with the moves that are allowed, so a
 * client can show the right buttons without knowing the rules.
 */
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

const COMPLAINT_MOVES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['in_progress'],
  in_progress: ['resolved'],
  // Reopening sends the ticket back to the start of the queue of work.
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export const CALLBACK_STATUSES = [
  'pending',
  'scheduled',
  'dialing',
  'completed',
  'failed',
  'expired',
  'cancelled',
] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

const CALLBACK_MOVES: Record<CallbackStatus, readonly CallbackStatus[]> = {
  pending: ['scheduled', 'dialing', 'expired', 'cancelled'],
  scheduled: ['pending', 'dialing', 'expired', 'cancelled'],
  // After a failed attempt with attempts left the callback waits again.
  dialing: ['completed', 'failed', 'pending', 'scheduled'],
  completed: [],
  failed: [],
  expired: [],
  cancelled: [],
};

export const ACTIVE_CALLBACK_STATUSES: readonly CallbackStatus[] = [
  'pending',
  'scheduled',
  'dialing',
];
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['open', 'in_progress'];

export function allowedComplaintMoves(from: ComplaintStatus): readonly ComplaintStatus[] {
  return COMPLAINT_MOVES[from];
}

export function allowedCallbackMoves(from: CallbackStatus): readonly CallbackStatus[] {
  return CALLBACK_MOVES[from];
}

function check<S extends string>(
  entity: string,
  moves: Record<S, readonly S[]>,
  from: S,
  to: S,
): void {
  const allowed = moves[from];
  if (!allowed.includes(to)) {
    throw new CrmError('illegal_transition', `a ${entity} cannot go from ${from} to ${to}`, {
      from,
      to,
      allowed,
    });
  }
}

export function assertComplaintMove(from: ComplaintStatus, to: ComplaintStatus): void {
  check('complaint', COMPLAINT_MOVES, from, to);
}

export function assertCallbackMove(from: CallbackStatus, to: CallbackStatus): void {
  check('callback', CALLBACK_MOVES, from, to);
}

/**
 * A callback: a promise to call a customer back, either keeping their place in a queue
 * ("place_keeping"), at a time they chose ("scheduled"), or because they hung up while
 * waiting ("abandoned"). It is a plain serialisable value; every change goes through the
 * transitions in ./transitions.ts so that an illegal move is refused, not stored.
 */
export type CallbackKind = 'place_keeping' | 'scheduled' | 'abandoned';

export type CallbackState =
  | 'pending'
  | 'reserved_agent'
  | 'dialing'
  | 'connected'
  | 'completed'
  | 'no_answer'
  | 'busy'
  | 'retry_scheduled'
  | 'expired'
  | 'cancelled';

export const FINAL_CALLBACK_STATES: readonly CallbackState[] = [
  'completed',
  'expired',
  'cancelled',
];

export interface CallbackWindow {
  earliest: Date;
  latest: Date;
}

export interface Callback {
  id: string;
  kind: CallbackKind;
  /** E.164. */
  phone: string;
  /** The customer's IANA zone: calling hours are read on their clock. */
  timezone: string;
  queueId: string;
  window: CallbackWindow;
  state: CallbackState;
  /** Dials started so far. */
  attempts: number;
  /** When the callback may next be dialed; null once it is final or being dialed. */
  nextAttemptAt: Date | null;
  agentId: string | null;
  /** Why it ended (expired or cancelled), for the interaction history. */
  closedReason: string | null;
  updatedAt: Date;
}

/** The BullMQ job that dials a given attempt: the same attempt always yields the same job. */
export interface CallbackJob {
  jobId: string;
  runAt: Date;
}

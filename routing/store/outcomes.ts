import type { OfferExplanation } from '../core/explanation.js';
import type { AgentState, QueueExit } from '../core/types.js';

/** A call offered to (ringing at) an agent; the telephony layer rings the agent until `deadline`. */
export interface Offer {
  callId: string;
  agentId: string;
  queueId: string;
  /** Ring deadline (ms); `expireOffers()` returns the call to its place after it. */
  deadline: number;
  /** 1 for the first offer of this call, 2 after one reject or timeout, ... */
  attempt: number;
  /** Why this agent and this call, for the supervisor: `explanation` in English. */
  reason: string;
  /** The same as data, for the agent's console to tell in the agent's language. */
  explanation: OfferExplanation;
}

/** An offer's why, in English and as data (one told from the other by the core). */
export type OfferWhy = Pick<Offer, 'reason' | 'explanation'>;

/** What became of a call routed by the ACD. */
export type CallOutcome =
  | { kind: 'offer'; offer: Offer }
  | { kind: 'queued'; callId: string; queueId: string; position: number | null; reason: string }
  | { kind: 'exit'; callId: string; queueId: string; exit: QueueExit; reason: string };

/** Things the telephony layer and the console act on, produced by timers and state changes. */
export type RoutingEvent =
  | { type: 'offer'; offer: Offer }
  | { type: 'overflow'; callId: string; fromQueueId: string; toQueueId: string; reason: string }
  | { type: 'exit'; callId: string; queueId: string; exit: QueueExit; reason: string }
  | {
      type: 'offer_expired';
      callId: string;
      agentId: string;
      queueId: string;
      agentState: AgentState;
    }
  | { type: 'agent_paused'; agentId: string; reason: string }
  /** A logout ordered during the agent's call, applied now that the call is over. */
  | { type: 'agent_logged_out'; agentId: string };

/** What a pause or logout did. */
export interface LeaveOutcome {
  /** The call that was ringing at the agent, routed again (a pause or logout done at once). */
  requeued: CallOutcome | null;
  /**
   * The agent is busy with a call and the move was ordered after it (`afterCall`): it is kept on
   * the agent and applied when the call and its wrap-up are over.
   */
  deferred: boolean;
}

export interface RejectOutcome {
  /** The rejected call's next offer (to another agent), if any. */
  callOffer: Offer | null;
  /** The rejecting agent's next offer (another call), if they stayed available. */
  agentOffer: Offer | null;
  agentState: AgentState;
  events: RoutingEvent[];
}

export interface ReleaseOutcome {
  callId: string;
  queueId: string;
  talkSeconds: number;
  /** End of wrap-up (ms); with no wrap-up the agent is matched at once (`offer`). */
  wrapUpUntil: number;
  offer: Offer | null;
  /** Present when this call had already been released (a repeated release): nothing was done. */
  alreadyReleased?: true;
}

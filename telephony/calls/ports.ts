/**
 * What the call layer needs from the rest of the contact centre. telephony/ never imports
 * crm-core/ or routing/: server/wiring/telephony.ts adapts them to these ports.
 *
 * A port method that fails (throws or rejects) never ends a call by itself: the call layer logs
 * it, carries on where it can (an unknown caller, an unwritten interaction row retried later)
 * or gives the caller the apology and fallback path.
 */
import type {
  BalanceLookupData,
  CallbackLookupData,
  CancelCallbackData,
  ComplaintLookupData,
} from '../../ivr-scripts/index.js';
import type {
  CallerProfile,
  IvrPathEntry,
  MonitorMode,
  OfferExplanation,
  RecordingPause,
} from './model.js';
import type { CallEvent } from './events.js';

/** The CRM's view of a caller (crm-core `customers.findForScreenPop`). */
export interface CustomerLookup {
  /** null: nobody has this number. Called with the caller's number as the PBX gave it. */
  findCaller(phone: string): Promise<CallerProfile | null>;
}

export interface InteractionPatch {
  kind?: 'inbound_call' | 'callback' | 'campaign_call';
  direction?: 'inbound' | 'outbound';
  customerId?: string | null;
  callerNumber?: string | null;
  agentId?: string | null;
  queue?: string | null;
  ivrPath?: IvrPathEntry[];
  arrivedAt?: Date;
  queuedAt?: Date | null;
  offeredAt?: Date | null;
  answeredAt?: Date | null;
  endedAt?: Date | null;
  waitSeconds?: number | null;
  talkSeconds?: number | null;
  /** The first file's name, length and pauses; `segments`: every file, one a bridge, in order. */
  recording?: (RecordingFile & { segments: RecordingFile[] }) | null;
  abandoned?: boolean;
}

export interface RecordingFile {
  name: string;
  durationSeconds: number | null;
  pauses: RecordingPause[];
}

/** Where a call's row goes (crm-core `interactions.upsertByCallId`: idempotent per call id). */
export interface InteractionSink {
  upsert(callId: string, patch: InteractionPatch): Promise<void>;
}

/** The IVR's cancel of the caller's own callback, with the call it came from (for the audit). */
export interface CallbackCancelRequest {
  callbackId: string;
  /** The caller's number: a callback of another number is not cancelled (`{found: false}`). */
  phone: string;
  callId: string;
}

/**
 * Self-service requests of the IVR (crm-core accounts, complaints and callbacks). The cancel may
 * be asked again after a restart: a callback it already cancelled answers `cancelled` again.
 */
export interface SelfService {
  balanceByPhone(phone: string): Promise<BalanceLookupData>;
  balanceByAccount(accountNumber: string): Promise<BalanceLookupData>;
  complaintByTicket(ticket: string): Promise<ComplaintLookupData>;
  /** The live (pending or scheduled) callback of this number whose window opens first. */
  callbackByPhone(phone: string): Promise<CallbackLookupData>;
  cancelCallback(request: CallbackCancelRequest): Promise<CancelCallbackData>;
}

/** A call handed to the ACD. */
export interface AcdCall {
  callId: string;
  queueId: string;
  /** When the caller started waiting; kept across re-queues and callbacks. */
  enqueuedAt: number;
  priority: number;
  skills: Record<string, number>;
  language: string;
  tier: string | null;
  vip: boolean;
  customerId: string | null;
  preferredAgentId: string | null;
  lastAgentId: string | null;
  lastServedAt: number | null;
}

export interface AcdOffer {
  callId: string;
  agentId: string;
  queueId: string;
  /** Ring deadline (ms of the telephony clock). */
  deadline: number;
  attempt: number;
  reason: string;
  /**
   * The same why as data (routing's `OfferExplanation`), opaque here: the console adapter reads
   * it. Absent from offers made before it existed (a callback's dial job, a stored dial).
   */
  explanation?: OfferExplanation;
}

export type QueueExitKind = 'callback' | 'voicemail' | 'disconnect';

export type EnqueueOutcome =
  | { kind: 'offer'; offer: AcdOffer }
  | { kind: 'queued'; position: number | null }
  | { kind: 'exit'; exit: QueueExitKind; reason: string };

export type OfferFailure = 'no_answer' | 'busy' | 'failed' | 'caller_gone' | 'withdrawn';

export interface WaitInfo {
  position: number | null;
  estimatedWaitSeconds: number | null;
}

/** The ACD (routing `AcdStore`). Offers it makes later arrive through `TelephonyService.routing`. */
export interface Acd {
  enqueue(call: AcdCall): Promise<EnqueueOutcome>;
  /** The agent picked up and is bridged with the caller. */
  accept(callId: string, agentId: string): Promise<void>;
  /** The agent did not take the call; answers the call's next offer, if any. */
  reject(callId: string, agentId: string, why: OfferFailure): Promise<AcdOffer | null>;
  /** The talk ended: the agent goes to wrap-up. Answers the wrap-up length (s). */
  release(callId: string, agentId: string): Promise<{ wrapUpSeconds: number }>;
  /** The caller left the queue (hung up, took a callback) or the call ended before an agent. */
  dequeue(callId: string, why: 'abandoned' | 'callback' | 'ended'): Promise<void>;
  waitInfo(callId: string): Promise<WaitInfo>;
}

/** Phones of agents and supervisors (crm-core users' `endpoint`). */
export interface Endpoints {
  /** `PJSIP/1001`, `Local/1001@agents`...; null when the user has none. */
  endpointOf(userId: string): Promise<string | null>;
}

export interface CallbackRequest {
  number: string;
  queueId: string | null;
  language: string;
  callId: string;
  customerId: string | null;
  origin: 'ivr' | 'queue';
  /** Kept so the callback is served in the place the caller left. */
  enqueuedAt: number | null;
  priority: number | null;
  /** The skills the caller's queue place required (kept with the place). */
  skills?: Record<string, number>;
}

/** Callback requests (crm-core callbacks; the outbound workers dial them). */
export interface CallbackRequests {
  create(request: CallbackRequest): Promise<{ id: string }>;
}

/** Domain events of every call step, for the console (gateway publisher) and reports. */
export interface CallEventSink {
  emit(event: CallEvent): void;
}

export interface MonitorRequest {
  supervisorId: string;
  callId: string;
  mode: MonitorMode;
}

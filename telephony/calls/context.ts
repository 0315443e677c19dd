import type { Redis } from 'ioredis';
import type { IvrInterpreter } from '../../ivr-scripts/index.js';
import type { CallAri } from './ari.js';
import type { Calls } from './calls.js';
import type { CallClock } from './clock.js';
import type { CallConfig } from './config.js';
import type { Draft } from './draft.js';
import type { HoldBridges } from './hold.js';
import type { CallLogger } from './log.js';
import type { CallRecord } from './model.js';
import type {
  Acd,
  AcdOffer,
  CallbackRequests,
  CustomerLookup,
  Endpoints,
  OfferFailure,
  SelfService,
} from './ports.js';

export interface QueueRoute {
  queueId: string;
  skills: Record<string, number>;
  priority: number;
  language: string;
  /** Kept when the caller returns to a queue (transfer, callback): their place in line. */
  enqueuedAt?: number;
  preferredAgentId?: string | null;
  /** The ACD already gave this call an agent (a callback's reservation): ring them, no enqueue. */
  reserved?: AcdOffer;
}

/**
 * Entry points the handlers use to hand a call on to another concern. They are wired in
 * service.ts, so that handler files never import each other.
 */
export interface Flow {
  /** Inside a change: the caller goes to a queue (holding bridge, music, ACD). */
  routeToQueue(d: Draft, route: QueueRoute): void;
  /** The ACD offers the call to an agent: ring the agent's phone. */
  offer(offer: AcdOffer): Promise<void>;
  /** The agent did not take the call; the caller keeps their place. */
  offerFailed(callId: string, channelId: string, why: OfferFailure): Promise<void>;
  /** Inside a change: agent and caller join one mixing bridge. */
  connect(d: Draft): void;
  /** Inside a change: start recording the call's mixing bridge, unless opted out. */
  startRecording(d: Draft): void;
  /** Inside a change: pause or resume the recording (agent or IVR); false if nothing changed. */
  setRecording(d: Draft, action: 'pause' | 'resume', by: 'agent' | 'ivr'): boolean;
  /** Inside a change: the call is over for good (interaction row, event, cleanup). */
  finish(d: Draft, endedBy: NonNullable<CallRecord['endedBy']>, reason: string): void;
  /** Something broke in this call: apology, then the fallback queue or the dialplan. */
  fail(callId: string, err: unknown): Promise<void>;
}

/** What every handler receives. */
export interface CallContext {
  readonly ari: CallAri;
  readonly calls: Calls;
  readonly acd: Acd;
  readonly customers: CustomerLookup;
  readonly selfService: SelfService;
  readonly callbacks: CallbackRequests;
  readonly endpoints: Endpoints;
  readonly config: CallConfig;
  readonly clock: CallClock;
  readonly logger: CallLogger;
  /** The command connection, for the few keys outside call records (callback places). */
  readonly redis: Redis;
  readonly flow: Flow;
  /** The queues' shared holding bridges. */
  readonly holds: HoldBridges;
  interpreter(scriptId: string): IvrInterpreter;
  /** Queues work on the call's own line: tasks of one call run one at a time, in order. */
  run(callId: string, task: () => Promise<void>): Promise<void>;
}

import {
  parseAbandonedOfferConfig,
  parseCallbackPolicy,
  type AbandonedOfferConfig,
  type CallbackPolicy,
  type CallingHours,
} from '../../../outbound/index.js';

/** How callbacks are dialled; every field has a default (StartOptions.callbacks). */
export interface CallbackOptions {
  /** The customer's line: `{number}` is replaced by the E.164 number. */
  endpoint: string;
  callerId?: string;
  /** How long the customer's phone rings before the attempt counts as no answer (s). */
  ringSeconds: number;
  /** After the customer answers, how long the reserved agent's phone may ring (s). */
  agentRingSeconds: number;
  /** Backoff per outcome and calling hours (outbound's CallbackPolicy; attempts come from the row). */
  policy: { retry?: Partial<CallbackPolicy['retry']>; callingHours?: CallingHours | null };
  /** ACD priority of a scheduled or abandoned callback (a place-keeping one keeps its own). */
  priority: number;
  /** Automatic callbacks for callers who hang up while queued (off unless enabled). */
  abandoned: Partial<AbandonedOfferConfig>;
  /** Phone region for numbers without a country code. */
  defaultRegion: string;
  /** Whether this node runs the callback workers (producers always run). */
  workers: boolean;
  /** Whether start-up schedules every waiting callback of the database (idempotent). */
  rearmAtStart: boolean;
  concurrency: number;
  /** BullMQ lock and stalled-check periods (a dead worker's job is taken over after these). */
  lockDurationMs: number;
  stalledIntervalMs: number;
}

export const DEFAULT_CALLBACK_OPTIONS: CallbackOptions = {
  endpoint: 'PJSIP/{number}@pstn',
  ringSeconds: 25,
  agentRingSeconds: 20,
  policy: {},
  priority: 0,
  abandoned: { enabled: false },
  defaultRegion: 'CN',
  workers: true,
  rearmAtStart: true,
  concurrency: 4,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
};

export interface ResolvedCallbackOptions extends CallbackOptions {
  abandonedConfig: AbandonedOfferConfig;
  /** The policy with a given number of attempts (each callback row has its own maximum). */
  policyFor(maxAttempts: number): CallbackPolicy;
}

/** Fills the defaults and checks the policy and the abandoned-call offer at start-up. */
export function resolveCallbackOptions(
  input: Partial<CallbackOptions> = {},
): ResolvedCallbackOptions {
  const o: CallbackOptions = { ...DEFAULT_CALLBACK_OPTIONS, ...input };
  if (!o.endpoint.includes('{number}')) {
    throw new Error(`callbacks.endpoint must contain {number}, got ${o.endpoint}`);
  }
  const base = parseCallbackPolicy(o.policy);
  return {
    ...o,
    abandonedConfig: parseAbandonedOfferConfig({
      ...DEFAULT_CALLBACK_OPTIONS.abandoned,
      ...o.abandoned,
    }),
    policyFor: (maxAttempts) => ({ ...base, maxAttempts }),
  };
}

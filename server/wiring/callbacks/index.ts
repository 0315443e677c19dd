import type { Job } from 'bullmq';
import type { Callback, Crm } from '../../../crm-core/index.js';
import type { RoutingSignal, TelephonyService, CallEvent } from '../../../telephony/index.js';
import type { WrapUpCallback } from '../../contracts/index.js';
import type { JobRunner } from '../../jobs/index.js';
import type { Logger } from '../../logger.js';
import type { CrmChangeFeed, KeptPlace } from '../crm-changes.js';
import { offerForAbandoned } from './abandoned.js';
import {
  freeLine,
  runExpiry,
  scheduleNext,
  type CallbackContext,
  type CallbackJobData,
  type CallbackJobResult,
  type CallbackTelephony,
} from './context.js';
import { dialCallback } from './dial.js';
import { attemptJobId, CALLBACK_QUEUE, expireJobId, lineId, parseLineId } from './ids.js';
import { resolveCallbackOptions, type CallbackOptions } from './options.js';
import { offered, rejoinLater, takeTurn } from './turn.js';
import { callbackFromWrapUp, type WrappedCall } from './wrap-up.js';

export { CALLBACK_QUEUE, lineId, parseLineId } from './ids.js';
export type { CallbackOptions } from './options.js';

export interface CallbacksDeps {
  jobs: JobRunner;
  crm: Crm;
  telephony: CallbackTelephony & {
    claimSignals(claimer: (signal: RoutingSignal) => boolean): () => void;
    onCallEvent(listener: (event: CallEvent) => void): () => void;
  };
  changes: CrmChangeFeed;
  logger: Logger;
  options?: Partial<CallbackOptions>;
}

export interface CallbacksWiring {
  /** Creates a callback (a script, another channel) and schedules its first attempt. */
  request(input: unknown, actorId?: number | null): Promise<Callback>;
  /** The callback an agent promised in a wrap-up (the console's wrap-up sink calls this). */
  fromWrapUp(agentId: number, call: WrappedCall, wanted: WrapUpCallback): Promise<Callback>;
  /** Starts this node's workers when `options.workers` was false (tests, a second node). */
  startWorkers(): void;
}

/**
 * Callbacks on BullMQ (queue `callbacks`): an attempt's turn in the ACD, the dial once an
 * agent is reserved, retries with backoff, expiry at the window's end, cancel. See
 * docs/outbound.md ("Callbacks at run time").
 */
export async function startCallbacks(deps: CallbacksDeps): Promise<CallbacksWiring> {
  const logger = deps.logger.child({ component: 'callbacks' });
  const options = resolveCallbackOptions(deps.options);
  const queue = deps.jobs.queue<CallbackJobData, CallbackJobResult>(CALLBACK_QUEUE, {
    // A failed step (the PBX or a database away, a dial still ringing) runs again; each step
    // is idempotent, so a re-run never dials twice.
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
  });
  const ctx: CallbackContext = { crm: deps.crm, telephony: deps.telephony, queue, options, logger };
  const service: TelephonyService = deps.telephony.service;

  let workers = false;
  const startWorkers = (): void => {
    if (workers) return;
    workers = true;
    deps.jobs.worker<CallbackJobData, CallbackJobResult>(
      CALLBACK_QUEUE,
      async (job: Job<CallbackJobData, CallbackJobResult>) => {
        const d = job.data;
        switch (d.kind) {
          case 'attempt':
            return takeTurn(ctx, d);
          case 'dial':
            return dialCallback(ctx, d);
          case 'expire':
            return runExpiry(ctx, d.callbackId);
        }
      },
      {
        concurrency: options.concurrency,
        lockDuration: options.lockDurationMs,
        stalledInterval: options.stalledIntervalMs,
      },
    );
  };
  if (options.workers) startWorkers();

  // Signals about a callback's ACD entry: before the customer answers there is no call for the
  // call layer to offer, so an offer means "dial now"; once answered, the call is the layer's.
  deps.telephony.claimSignals((signal) => {
    const callId = signal.type === 'offer' ? signal.offer.callId : signal.callId;
    const line = parseLineId(callId);
    if (!line) return false;
    void (async () => {
      if (await service.call(callId)) return service.routing(signal);
      if (signal.type === 'offer') return offered(ctx, signal.offer);
      if (signal.type === 'exit')
        return rejoinLater(ctx, line.callbackId, line.attempt, signal.reason);
      logger.debug({ callId, signal: signal.type }, 'ACD signal for a waiting callback ignored');
    })().catch((err: unknown) =>
      logger.error({ err, callId, signal: signal.type }, 'callback signal not handled'),
    );
    return true;
  });

  deps.changes.subscribe({
    callbackCreated: (cb, place?: KeptPlace) => scheduleNext(ctx, cb, place),
    async callbackCancelled(cb) {
      const attempt = cb.attempts + 1;
      await queue.remove(attemptJobId(cb.id, attempt));
      await queue.remove(expireJobId(cb.id));
      await freeLine(ctx, lineId(cb.id, attempt));
      logger.info({ callbackId: cb.id }, 'callback cancelled: pending job removed');
    },
  });
  deps.telephony.onCallEvent((event) => {
    if (event.type !== 'ended' || !event.abandoned) return;
    offerForAbandoned(ctx, event).catch((err: unknown) =>
      logger.error({ err, callId: event.callId }, 'abandoned-call offer failed'),
    );
  });

  // Re-arm from the database: a callback created while no node ran (or whose job was lost
  // with a flushed Redis) gets its attempt; existing jobs make these adds no-ops.
  let armed = 0;
  for (let cursor: string | null = null; options.rearmAtStart;) {
    const page = await deps.crm.callbacks.list({
      status: ['pending', 'scheduled'],
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const cb of page.items) {
      await scheduleNext(ctx, cb);
      armed++;
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  if (armed) logger.info({ callbacks: armed }, 'callback jobs re-armed');

  return {
    async request(input, actorId = null) {
      const cb = await deps.crm.callbacks.create(input, actorId);
      await scheduleNext(ctx, cb);
      return cb;
    },
    fromWrapUp: (agentId, call, wanted) => callbackFromWrapUp(ctx, agentId, call, wanted),
    startWorkers,
  };
}

import type { Callback, Complaint } from '../../crm-core/index.js';
import type { Logger } from '../logger.js';

/**
 * Changes the REST API (and the call layer's callback key) make in the CRM that background jobs
 * act on: a callback to schedule or to cancel, a complaint whose SLA timers are armed or
 * cleared. Listeners run after the change is committed and never fail the request: a listener
 * that throws is logged, and the jobs' start-up re-arm from the database catches up.
 */
export interface CrmChanges {
  callbackCreated(callback: Callback, place?: KeptPlace): void;
  callbackCancelled(callback: Callback): void;
  complaintChanged(complaint: Complaint): void;
}

/** Where a caller who took a callback was waiting, so that the callback keeps that place. */
export interface KeptPlace {
  queueId: string;
  enqueuedAt: number;
  priority: number;
  skills: Record<string, number>;
  language: string;
}

export type CrmChangeListener = Partial<{
  [K in keyof CrmChanges]: (...args: Parameters<CrmChanges[K]>) => Promise<void> | void;
}>;

export interface CrmChangeFeed extends CrmChanges {
  subscribe(listener: CrmChangeListener): () => void;
}

export function createCrmChangeFeed(logger: Logger): CrmChangeFeed {
  const log = logger.child({ component: 'crm-changes' });
  const listeners = new Set<CrmChangeListener>();
  const emit = <K extends keyof CrmChanges>(kind: K, args: Parameters<CrmChanges[K]>): void => {
    for (const l of listeners) {
      const fn = l[kind];
      if (!fn) continue;
      Promise.resolve()
        .then(() => fn(...args))
        .catch((err: unknown) => log.error({ err, kind }, 'CRM change listener failed'));
    }
  };
  return {
    callbackCreated: (...a) => emit('callbackCreated', a),
    callbackCancelled: (...a) => emit('callbackCancelled', a),
    complaintChanged: (...a) => emit('complaintChanged', a),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import type { CallbackWithAttempts, Crm } from '../../crm-core/index.js';
import type { CrmChanges } from './crm-changes.js';

/** Who cancels: a user (REST API, console) or, with no actor, the customer from the IVR. */
export interface CallbackCanceller {
  actorId: number | null;
  /** Added to the callback's notes. */
  reason?: string | undefined;
  /** Kept in the audit entry (e.g. `{by: 'customer', via: 'ivr', callId}`). */
  details?: Record<string, unknown>;
}

/**
 * Cancels a pending or scheduled callback the same way from every channel: the CRM's status,
 * an audit entry, then `changes` removes its BullMQ jobs and its ACD entry
 * (server/wiring/callbacks). Throws the CRM's `illegal_transition` for a callback no longer live.
 */
export async function cancelCallback(
  crm: Crm,
  changes: CrmChanges | undefined,
  id: number,
  by: CallbackCanceller,
): Promise<CallbackWithAttempts> {
  const cb = await crm.callbacks.cancel(id, by.reason);
  await crm.audit.record({
    actorId: by.actorId,
    action: 'callback.cancel',
    entity: 'callback',
    entityId: id,
    details: by.details ?? {},
  });
  changes?.callbackCancelled(cb);
  return cb;
}

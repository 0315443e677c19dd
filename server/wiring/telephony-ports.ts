import { CrmError } from '../../crm-core/index.js';
import type { Account, Crm, ScreenPop as CrmScreenPop } from '../../crm-core/index.js';
import type { BalanceLookupData } from '../../ivr-scripts/index.js';
import type { AcdStore, CallOutcome, Offer } from '../../routing/index.js';
import type {
  Acd,
  AcdOffer,
  CallbackRequests,
  CallerProfile,
  CustomerLookup,
  EnqueueOutcome,
  Endpoints,
  InteractionPatch,
  InteractionSink,
  SelfService,
} from '../../telephony/index.js';
import type { Logger } from '../logger.js';
import { cancelCallback } from './callback-cancel.js';
import type { CrmChanges } from './crm-changes.js';
import { crmId } from './crm-ids.js';

/**
 * Adapters from crm-core and routing to the call layer's ports. telephony/ never imports those
 * modules; this file is where they meet.
 */

/** A user id as the CRM stores it (numeric), or null when the id is not one of its users. */
export function callerProfile(pop: CrmScreenPop): CallerProfile {
  const c = pop.customer;
  const last = pop.lastInteractions.find((i) => i.agentId !== null && i.answeredAt !== null);
  return {
    customerId: String(c.id),
    name: c.name,
    vip: c.vip,
    tier: c.tier,
    language: c.language,
    preferredAgentId: c.preferredAgentId === null ? null : String(c.preferredAgentId),
    lastAgentId: last?.agentId != null ? String(last.agentId) : null,
    lastServedAt: last?.answeredAt ? last.answeredAt.getTime() : null,
    recordingOptOut: pop.strategy?.recordingOptOut ?? false,
    pop,
  };
}

export function crmCustomerLookup(crm: Crm): CustomerLookup {
  return {
    async findCaller(phone) {
      const pop = await crm.customers.findForScreenPop(phone);
      return pop ? callerProfile(pop) : null;
    },
  };
}

export function crmInteractionSink(crm: Crm): InteractionSink {
  return {
    async upsert(callId, patch: InteractionPatch) {
      const { customerId, agentId, ivrPath, ...rest } = patch;
      await crm.interactions.upsertByCallId(callId, {
        ...rest,
        // Plain JSON objects; the CRM's schema types them as JSON values.
        ...(ivrPath !== undefined ? { ivrPath: ivrPath.map((s) => ({ ...s })) } : {}),
        ...(customerId !== undefined ? { customerId: crmId(customerId) } : {}),
        ...(agentId !== undefined ? { agentId: crmId(agentId) } : {}),
      });
    },
  };
}

function balanceOf(account: Account | null | undefined): BalanceLookupData {
  if (!account) return { found: false };
  return {
    found: true,
    balance: account.balance,
    currency: account.currency,
    dueDate: account.dueDate,
  };
}

/**
 * The IVR's requests to the CRM. The customer's cancel goes the way the API's does (audit, then
 * `changes` drops the callback's jobs and ACD entry), with no actor and the call in the audit.
 */
export function crmSelfService(crm: Crm, changes?: CrmChanges): SelfService {
  return {
    async balanceByPhone(phone) {
      const [account] = await crm.accounts.findByPhone(phone);
      return balanceOf(account);
    },
    async balanceByAccount(accountNumber) {
      return balanceOf(await crm.accounts.findByNumber(accountNumber));
    },
    async complaintByTicket(ticket) {
      const complaint = await crm.complaints.getByTicket(ticket);
      if (!complaint) return { found: false };
      return { found: true, ticket: complaint.ticketNumber, status: complaint.status };
    },
    async callbackByPhone(phone) {
      const cb = await crm.callbacks.findLiveByPhone(phone);
      if (!cb || (cb.status !== 'pending' && cb.status !== 'scheduled')) return { found: false };
      return {
        found: true,
        id: cb.id,
        status: cb.status,
        earliest: cb.earliest.toISOString(),
        latest: cb.latest.toISOString(),
        timezone: cb.timezone,
      };
    },
    async cancelCallback({ callbackId, phone, callId }) {
      const cb = await crm.callbacks.getForPhone(Number(callbackId), phone);
      if (!cb) return { found: false };
      // Asked again after a restart: the first try already cancelled it.
      if (cb.status === 'cancelled') return { found: true, status: 'cancelled' };
      if (cb.status !== 'pending' && cb.status !== 'scheduled') return { found: false };
      try {
        await cancelCallback(crm, changes, cb.id, {
          actorId: null,
          reason: `cancelled by the customer in the IVR (call ${callId})`,
          details: { by: 'customer', via: 'ivr', callId },
        });
      } catch (err) {
        // Its dial began meanwhile: no longer the customer's to cancel.
        if (err instanceof CrmError && err.code === 'illegal_transition') return { found: false };
        throw err;
      }
      return { found: true, status: 'cancelled' };
    },
  };
}

/**
 * Callback requests from the call layer (the queue's callback key, an ACD exit). A request from
 * a queue place goes to `changes` with that place, so that the callback jobs put the callback
 * back in the ACD where the caller was waiting.
 */
export function crmCallbacks(crm: Crm, changes?: CrmChanges): CallbackRequests {
  return {
    async create(req) {
      const cb = await crm.callbacks.create({
        phone: req.number,
        customerId: crmId(req.customerId),
        // A caller asking from the queue asked through the phone menu as well.
        origin: 'ivr',
        queue: req.queueId ?? 'support',
        notes: `requested during call ${req.callId} (${req.language})`,
      });
      const place =
        req.origin === 'queue' && req.queueId && req.enqueuedAt !== null
          ? {
              queueId: req.queueId,
              enqueuedAt: req.enqueuedAt,
              priority: req.priority ?? 0,
              skills: req.skills ?? {},
              language: req.language,
            }
          : undefined;
      changes?.callbackCreated(cb, place);
      return { id: String(cb.id) };
    },
  };
}

export function crmEndpoints(crm: Crm): Endpoints {
  return {
    async endpointOf(userId) {
      const id = crmId(userId);
      if (id === null) return null;
      const user = await crm.users.get(id);
      return user.enabled ? user.endpoint : null;
    },
  };
}

export function toAcdOffer(o: Offer): AcdOffer {
  return {
    callId: o.callId,
    agentId: o.agentId,
    queueId: o.queueId,
    deadline: o.deadline,
    attempt: o.attempt,
    reason: o.reason,
    explanation: o.explanation,
  };
}

function toOutcome(o: CallOutcome): EnqueueOutcome {
  switch (o.kind) {
    case 'offer':
      return { kind: 'offer', offer: toAcdOffer(o.offer) };
    case 'queued':
      return { kind: 'queued', position: o.position };
    case 'exit':
      return { kind: 'exit', exit: o.exit, reason: o.reason };
  }
}

function isRoutingError(err: unknown, ...codes: string[]): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}

/**
 * The store answers `conflict` when other writers kept changing what it read (busy queues);
 * that is its "try again", so the call layer's requests are tried a few more times.
 */
async function retryOnConflict<T>(op: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (err) {
      if (i >= attempts || !isRoutingError(err, 'conflict')) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}

/**
 * The ACD port over routing's AcdStore. Offers the store makes as a side effect (an agent freed
 * by a reject, a dequeue or a release finds another call) go to `deliver`, which hands them to
 * telephony on whichever node drives it.
 */
export function acdPort(
  acd: AcdStore,
  deliver: (offer: AcdOffer) => void,
  now: () => number,
  logger: Logger,
): Acd {
  const forward = (offer: Offer | null): void => {
    if (offer) deliver(toAcdOffer(offer));
  };
  return {
    async enqueue(call) {
      const requirements = Object.entries(call.skills).map(([skill, min]) => ({ skill, min }));
      const input = {
        id: call.callId,
        queueId: call.queueId,
        enqueuedAt: call.enqueuedAt,
        vip: call.vip,
        ...(call.tier ? { tier: call.tier } : {}),
        // The IVR's explicit priority (e.g. its VIP rule) wins over the tier mapping.
        ...(call.priority > 0 ? { priority: call.priority } : {}),
        ...(requirements.length ? { requirements } : {}),
        ...(call.preferredAgentId ? { preferredAgentId: call.preferredAgentId } : {}),
        ...(call.lastAgentId ? { lastAgentId: call.lastAgentId } : {}),
        ...(call.lastServedAt ? { lastServedAt: call.lastServedAt } : {}),
        ...(call.customerId ? { customerId: call.customerId } : {}),
      };
      let conflicted = false;
      for (let i = 1; ; i++) {
        try {
          return toOutcome(await acd.enqueue(input));
        } catch (err) {
          // A conflict after the call was stored: it waits in the ACD, whose timers match it.
          if (conflicted && isRoutingError(err, 'call_exists')) {
            return { kind: 'queued', position: null };
          }
          if (i >= 5 || !isRoutingError(err, 'conflict')) throw err;
          conflicted = true;
          await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
        }
      }
    },
    async accept(callId, agentId) {
      await acd.accept(callId, agentId);
    },
    async reject(callId, agentId, why) {
      try {
        const r = await retryOnConflict(() => acd.reject(callId, agentId, why));
        forward(r.agentOffer);
        return r.callOffer ? toAcdOffer(r.callOffer) : null;
      } catch (err) {
        // The call already left the ACD (caller gone) or the offer was withdrawn meanwhile.
        if (isRoutingError(err, 'not_offered', 'unknown_call')) {
          logger.debug({ callId, agentId, why }, 'reject of an offer the ACD no longer has');
          return null;
        }
        throw err;
      }
    },
    async release(callId, agentId) {
      // Naming the call: a late second release (both legs hung up) must not end the agent's
      // next call; the ACD answers it like the first one.
      const r = await acd.release(agentId, callId);
      forward(r.offer);
      return { wrapUpSeconds: Math.max(0, Math.round((r.wrapUpUntil - now()) / 1000)) };
    },
    async dequeue(callId, why) {
      try {
        const r = await retryOnConflict(() =>
          acd.dequeue(callId, why === 'abandoned' ? 'abandoned' : 'cancelled'),
        );
        forward(r.agentOffer);
        forward(r.released?.offer ?? null);
      } catch (err) {
        if (isRoutingError(err, 'unknown_call')) return;
        throw err;
      }
    },
    async waitInfo(callId) {
      const e = await acd.estimatedWait(callId);
      return { position: e.position, estimatedWaitSeconds: e.seconds };
    },
  };
}

import type { Redis } from 'ioredis';
import type { Callback, Complaint, Crm } from '../../crm-core/index.js';
import type { TelephonyService } from '../../telephony/index.js';
import type { WrapUpCallback, WrapUpResult, WrapUpSubmission } from '../contracts/index.js';
import { ConsoleError, type WrapUpSink } from '../gateway/index.js';
import type { WrappedCall } from './callbacks/wrap-up.js';
import { crmId } from './crm-ids.js';
import type { CrmChanges } from './crm-changes.js';

type Saved = Omit<WrapUpResult, 'agent'>;

export class WrapUpRefusal extends Error {
  constructor(
    readonly code: 'in_progress' | 'invalid_input' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface WrapUpDeps {
  crm: Crm;
  calls: Pick<TelephonyService, 'call'>;
  redis: Redis;
  /** Key prefix of the progress records. */
  prefix: string;
  /** Complaints opened or moved here get their SLA timers like those from the REST API. */
  changes: Pick<CrmChanges, 'complaintChanged'>;
  /** Creates the promised callback and schedules its first attempt (BullMQ). */
  callbacks: WrapUpCallbacks;
}

/** What the agent's confirmation shows of the complaint a wrap-up opened or moved. */
function savedComplaint(c: Complaint): { id: string; ticket: string; slaDueAt: string } {
  return { id: String(c.id), ticket: c.ticketNumber, slaDueAt: c.dueAt.toISOString() };
}

/** The callbacks' side of a wrap-up (server/wiring/callbacks). */
export interface WrapUpCallbacks {
  fromWrapUp(agentId: number, call: WrappedCall, wanted: WrapUpCallback): Promise<Callback>;
}

/** A wrap-up's progress is kept this long, so that a late resubmit still finds it done. */
const PROGRESS_TTL_S = 7 * 24 * 3600;
const LOCK_MS = 30_000;

/**
 * Wrap-ups written to the CRM: disposition and notes on the call's interaction, a complaint
 * opened (due time from the category's SLA and the customer's tier) or moved on, a callback in a
 * window. Each step's result is kept in Redis under the call id, so that a resubmit (the console
 * could not confirm) repeats nothing that was done and answers the same result.
 */
export function wrapUpSink(deps: WrapUpDeps): WrapUpSink {
  const { crm, redis } = deps;
  const key = (callId: string) => `${deps.prefix}console:wrapup:${callId}`;

  /** Who handled the call and for whom, from the call layer (live or recently ended) or the CRM. */
  async function callFacts(callId: string) {
    const [rec, interaction] = await Promise.all([
      deps.calls.call(callId),
      crm.interactions.findByCallId(callId),
    ]);
    const agentId =
      rec?.lastAgentId ?? rec?.agent?.agentId ?? interaction?.agentId?.toString() ?? null;
    return {
      agentId,
      customerId: crmId(rec?.caller?.customerId) ?? interaction?.customerId ?? null,
      callerNumber: rec?.callerNumber ?? interaction?.callerNumber ?? null,
      queue: rec?.queue?.queueId ?? interaction?.queue ?? 'support',
    };
  }

  async function step<T>(callId: string, field: string, run: () => Promise<T>): Promise<T> {
    const done = await redis.hget(key(callId), field);
    if (done !== null) return JSON.parse(done) as T;
    const value = await run();
    await redis
      .multi()
      .hset(key(callId), field, JSON.stringify(value))
      .expire(key(callId), PROGRESS_TTL_S)
      .exec();
    return value;
  }

  async function write(agentId: string, w: WrapUpSubmission): Promise<Saved> {
    const facts = await callFacts(w.callId);
    if (facts.agentId !== agentId) {
      throw new ConsoleError('not_your_call', `call ${w.callId} was not handled by you`);
    }
    const actor = crmId(agentId);
    const { customerId } = facts;
    if (w.complaint?.mode === 'create' && customerId === null) {
      throw new WrapUpRefusal('invalid_input', 'complaint: the caller is not a known customer');
    }
    const interactionId = await step(w.callId, 'interaction', async () => {
      const i = await crm.interactions.upsertByCallId(w.callId, {
        disposition: w.disposition,
        notes: w.notes || null,
        ...(actor !== null ? { agentId: actor } : {}),
      });
      return String(i.id);
    });
    let complaint: Saved['complaint'] = null;
    const c = w.complaint;
    if (c?.mode === 'create' && customerId !== null) {
      complaint = await step(w.callId, 'complaint', async () => {
        const created = await crm.complaints.create(
          {
            customerId,
            category: c.category,
            severity: c.severity,
            subject: c.summary,
            description: w.notes,
            interactionId: Number(interactionId),
          },
          actor,
        );
        deps.changes.complaintChanged(created);
        return savedComplaint(created);
      });
    } else if (c?.mode === 'update') {
      complaint = await step(w.callId, 'complaint', async () => {
        const id = crmId(c.complaintId);
        if (id === null) throw new WrapUpRefusal('not_found', `no complaint ${c.complaintId}`);
        let found = await crm.complaints.get(id);
        if (found.status !== c.status) {
          found = await crm.complaints.transition(
            id,
            {
              to: c.status,
              ...(c.note ? { note: c.note.slice(0, 1000) } : {}),
              ...(c.status === 'resolved' ? { resolution: c.note || w.disposition } : {}),
            },
            actor,
          );
          deps.changes.complaintChanged(found);
        }
        return savedComplaint(found);
      });
    }
    const cb = w.callback;
    const callback = cb
      ? await step(w.callId, 'callback', async () => {
          if (actor === null) {
            throw new WrapUpRefusal('invalid_input', 'callback: the agent is not a CRM user');
          }
          const created = await deps.callbacks.fromWrapUp(
            actor,
            {
              callerNumber: facts.callerNumber,
              queueId: facts.queue,
              customerId,
              interactionId: Number(interactionId),
            },
            cb,
          );
          return { id: String(created.id) };
        })
      : null;
    return { interactionId, complaint, callback };
  }

  return {
    async submit(agentId, w) {
      const lock = `${key(w.callId)}:lock`;
      if ((await redis.set(lock, agentId, 'PX', LOCK_MS, 'NX')) !== 'OK') {
        throw new WrapUpRefusal('in_progress', 'this wrap-up is being saved; try again shortly');
      }
      try {
        return await write(agentId, w);
      } finally {
        await redis.del(lock);
      }
    },
    async complaintSlaDueAt(category, _severity, callId) {
      const categories = await crm.complaints.categories();
      const cat = categories.find((c) => c.code === category);
      if (!cat) throw new WrapUpRefusal('not_found', `unknown complaint category ${category}`);
      const customerId = callId ? (await callFacts(callId)).customerId : null;
      const tier = customerId === null ? 'standard' : (await crm.customers.get(customerId)).tier;
      const { complaintSlaFactor } = await crm.strategies.get(tier);
      // The same rule as crm-core's complaints.create: category hours times the tier's factor.
      return new Date(Date.now() + cat.slaHours * complaintSlaFactor * 3_600_000);
    },
  };
}

import { decideAbandonedOffer, normalisePhone } from '../../../outbound/index.js';
import type { CallEvent } from '../../../telephony/index.js';
import { scheduleNext, type CallbackContext } from './context.js';
import { crmId } from '../crm-ids.js';

type Ended = Extract<CallEvent, { type: 'ended' }>;

/**
 * A caller hung up while waiting in a queue: outbound's `decideAbandonedOffer` says whether
 * they get a callback (enabled, waited long enough, a usable number, no recent callback for
 * it); if so it is created in the CRM (origin `abandoned`) and scheduled like any other.
 */
export async function offerForAbandoned(ctx: CallbackContext, event: Ended): Promise<void> {
  const config = ctx.options.abandonedConfig;
  if (!config.enabled || !event.abandoned || event.endedBy !== 'caller') return;
  const rec = await ctx.telephony.service.call(event.callId);
  if (!rec?.queue || rec.origin.kind !== 'inbound') return;
  const phone = rec.callerNumber
    ? normalisePhone(rec.callerNumber, ctx.options.defaultRegion)
    : null;
  const recent = phone?.ok
    ? (await ctx.crm.callbacks.list({ phone: phone.e164, limit: 20 })).items
    : [];
  const now = new Date();
  const decision = decideAbandonedOffer(
    {
      callId: event.callId,
      callerNumber: rec.callerNumber,
      queueId: rec.queue.queueId,
      waitedMs: (event.waitSeconds ?? 0) * 1000,
      abandonedAt: now,
      knownCustomer: Boolean(rec.caller?.customerId),
      customerTimezone: null,
    },
    recent.map((c) => ({ phone: c.phone, createdAt: c.createdAt })),
    config,
    ctx.options.defaultRegion,
  );
  if (!decision.offer) {
    ctx.logger.debug({ callId: event.callId, reason: decision.reason }, 'no abandoned-call offer');
    return;
  }
  const input = decision.callback;
  const customerId = crmId(rec.caller?.customerId);
  try {
    const cb = await ctx.crm.callbacks.create({
      phone: input.phone,
      origin: 'abandoned',
      earliest: input.earliest,
      latest: input.latest,
      timezone: input.timezone,
      queue: input.queueId,
      notes: `caller hung up after waiting ${event.waitSeconds ?? 0} s (call ${event.callId})`,
      ...(customerId !== null ? { customerId } : {}),
    });
    ctx.logger.info(
      { callbackId: cb.id, callId: event.callId },
      'callback offered for an abandoned call',
    );
    await scheduleNext(ctx, cb);
  } catch (err) {
    // The same hang-up reported twice, or a live callback already exists for the number.
    if ((err as { code?: string }).code === 'callback_exists') return;
    throw err;
  }
}

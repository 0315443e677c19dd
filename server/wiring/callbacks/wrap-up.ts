import { CrmError, type Callback } from '../../../crm-core/index.js';
import type { WrapUpCallback } from '../../contracts/index.js';
import { scheduleNext, type CallbackContext } from './context.js';

/** The call the agent wrapped up, as far as the callback needs it. */
export interface WrappedCall {
  callerNumber: string | null;
  queueId: string;
  customerId: number | null;
  /** The call's interaction row, linked from the callback when known. */
  interactionId?: number;
}

/**
 * A callback the agent promised in the wrap-up: the window they typed, the customer's own zone
 * (from the CRM; the default zone otherwise), the caller's number unless another was given.
 * Created with origin `agent` and scheduled like any other.
 */
export async function callbackFromWrapUp(
  ctx: CallbackContext,
  agentId: number,
  call: WrappedCall,
  wanted: WrapUpCallback,
): Promise<Callback> {
  const phone = wanted.phone ?? call.callerNumber;
  if (!phone) {
    throw new CrmError('invalid_input', 'phone: the caller gave no number; type one', [
      { path: 'phone', message: 'required when the caller number is unknown' },
    ]);
  }
  const timezone =
    call.customerId !== null
      ? (await ctx.crm.customers.get(call.customerId)).timezone
      : ctx.options.abandonedConfig.defaultTimezone;
  const cb = await ctx.crm.callbacks.create(
    {
      phone,
      origin: 'agent',
      earliest: new Date(wanted.windowStart),
      latest: new Date(wanted.windowEnd),
      timezone,
      queue: call.queueId,
      notes: wanted.note ?? '',
      ...(call.customerId !== null ? { customerId: call.customerId } : {}),
      ...(call.interactionId !== undefined ? { interactionId: call.interactionId } : {}),
    },
    agentId,
  );
  await scheduleNext(ctx, cb);
  return cb;
}

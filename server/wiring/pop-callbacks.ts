import { ACTIVE_CALLBACK_STATUSES, type Crm } from '../../crm-core/index.js';
import type { LiveCall } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { callbackSummary } from './telephony-console.js';

/**
 * The live call with its customer's callbacks as the CRM has them now. The call layer keeps the
 * pop made at the offer, so without this a reconnect or a reload would bring back a callback the
 * agent cancelled during the call. A CRM failure leaves the stored list (logged).
 */
export async function withCurrentCallbacks(
  call: LiveCall,
  crm: Pick<Crm, 'callbacks'>,
  logger: Logger,
): Promise<LiveCall> {
  const customerId = call.pop.customer?.id;
  if (!customerId) return call;
  try {
    const page = await crm.callbacks.list({
      customerId,
      status: [...ACTIVE_CALLBACK_STATUSES],
      limit: 200,
    });
    const pendingCallbacks = page.items
      .map(callbackSummary)
      .sort((a, b) => a.windowStart.localeCompare(b.windowStart));
    return { ...call, pop: { ...call.pop, pendingCallbacks } };
  } catch (err) {
    logger.warn(
      { err, callId: call.pop.callId },
      'pop callbacks not read again; stored ones shown',
    );
    return call;
  }
}

import type { AriChannelInfo } from '../ari.js';
import type { CallContext } from '../context.js';
import type { CallOrigin } from '../model.js';
import type { AcdOffer } from '../ports.js';
import { arrivedFacts, newCallRecord } from './arrival.js';
import { CONNECT_TIMER } from './campaign-connect.js';
import { noteDialAmd, type DialOutRecord } from './dial-out.js';
import { keptPlace } from './queue.js';

/**
 * A call the outbound workers placed was answered and entered the app: a callback
 * (`callback,<callbackId>[,<number>]`) or a campaign call (`outbound,<campaignId>[,<contactId>
 * [,<queueId>[,<number>]]]`, or `campaign,<id>` from the sample dialplan's AMD context). It skips
 * the IVR and waits for an agent; a callback takes the place its caller left in the queue, when
 * that is known. A campaign call answered by a machine goes back to the dialplan.
 *
 * With a `reservation` (the callback worker reserved an agent in the ACD before dialling), the
 * call takes the ACD's id for it and rings that agent at once instead of waiting in a queue.
 *
 * A campaign dial asked with `amd` first goes to the dialplan's AMD context, which sends it
 * back as `campaign,<channelId>`; the verdict is kept with the dial (the dialer's outcome). A
 * dial with `connectWithinMs` arms a timer: no agent offered by then → identification, hang-up.
 */
export async function arriveOutbound(
  ctx: CallContext,
  channel: AriChannelInfo,
  args: readonly string[],
  reservation: AcdOffer | null = null,
  dial: DialOutRecord | null = null,
): Promise<void> {
  const callId = reservation?.callId ?? channel.id;
  if (await ctx.calls.get(callId)) return;
  const kind = args[0];
  const ref = args[1];
  if (!ref) {
    ctx.logger.warn({ channelId: channel.id, args }, 'outbound call without its reference');
    await ctx.ari.continueInDialplan(channel.id);
    return;
  }
  const purpose = dial?.request.purpose.kind === 'outbound' ? dial.request.purpose : null;
  if (kind === 'outbound' && purpose?.amd) {
    await ctx.ari.continueInDialplan(channel.id, {
      context: ctx.config.campaignAmdContext,
      extension: 's',
      priority: 1,
    });
    return;
  }
  if (kind === 'campaign') {
    const v = await ctx.ari.getVariable(channel.id, 'AMDSTATUS');
    const amd = typeof v === 'string' && v ? v : null;
    if (dial) await noteDialAmd(ctx, channel.id, amd);
    // HANGUP: the person hung up while AMD listened; the channel is gone or going.
    if (amd === 'MACHINE' || amd === 'HANGUP') {
      ctx.logger.info(
        { channelId: channel.id, amd },
        'campaign call not for an agent: to dialplan',
      );
      await ctx.ari.continueInDialplan(channel.id);
      return;
    }
  }
  const origin: CallOrigin =
    kind === 'callback'
      ? { kind: 'callback', callbackId: ref }
      : {
          kind: 'outbound',
          campaignId: purpose?.campaignId ?? ref,
          contactId: purpose?.contactId ?? (args[2] || null),
        };
  const place = kind === 'callback' ? await keptPlace(ctx, ref) : null;
  const givenNumber = kind === 'callback' ? args[2] : (purpose?.number ?? args[4]);
  const number =
    givenNumber ||
    place?.number ||
    channel.connected.number.trim() ||
    channel.caller.number.trim() ||
    null;
  const profile = number
    ? await ctx.customers.findCaller(number).catch((err: unknown) => {
        ctx.logger.warn(
          { err, callId: channel.id },
          'caller lookup failed: carrying on as unknown',
        );
        return null;
      })
    : null;
  const language =
    place?.language ??
    profile?.language ??
    ctx.interpreter(ctx.config.scriptId).script.defaultLanguage;
  const rec = {
    ...newCallRecord(
      ctx,
      channel,
      origin,
      { profile, status: profile ? 'found' : 'unknown' },
      language,
      number,
    ),
    id: callId,
  };
  const queueId =
    place?.queueId ??
    (kind === 'callback'
      ? ctx.config.callbackQueueId
      : purpose?.queueId || args[3] || ctx.config.campaignQueueId);
  const connectWithin = purpose?.connectWithinMs;
  await ctx.calls.create(rec, (d) => {
    arrivedFacts(d);
    if (connectWithin !== undefined) d.setTimer(CONNECT_TIMER, ctx.clock.now() + connectWithin);
    ctx.flow.routeToQueue(d, {
      queueId,
      skills: place?.skills ?? {},
      priority: place?.priority ?? 0,
      language,
      ...(place ? { enqueuedAt: place.enqueuedAt } : {}),
      ...(purpose?.agentId ? { preferredAgentId: purpose.agentId } : {}),
      ...(reservation ? { reserved: reservation } : {}),
    });
  });
}

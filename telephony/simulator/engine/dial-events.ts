import type { Ctx } from '../context.js';
import { now, publish } from '../events.js';
import { channelJson } from '../snapshots.js';
import type { SimChannel } from '../state.js';

/** Dial, published to whoever follows the caller or the peer. */
export function dialEvent(
  ctx: Ctx,
  peer: SimChannel,
  dialstatus: string,
  dialstring: string,
  caller?: SimChannel,
): void {
  publish(ctx, [...(caller?.subscribers ?? []), ...peer.subscribers], {
    type: 'Dial',
    timestamp: now(ctx),
    dialstatus,
    forward: '',
    dialstring,
    ...(caller ? { caller: channelJson(caller) } : {}),
    peer: channelJson(peer),
  });
}

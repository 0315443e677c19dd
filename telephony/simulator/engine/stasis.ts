import type { Ctx } from '../context.js';
import { conflict } from '../errors.js';
import { now, publish, setVariable } from '../events.js';
import { channelJson } from '../snapshots.js';
import type { SimChannel } from '../state.js';

/**
 * Hands a channel to a Stasis app. Like Asterisk, this fails at once when no WebSocket is
 * connected for the app, and the dialplan goes on to whatever follows Stasis().
 */
export function enterStasis(ctx: Ctx, ch: SimChannel, app: string, args: string[]): boolean {
  if (!ctx.sink.isActive(app)) {
    setVariable(ctx, ch, 'STASISSTATUS', 'FAILED');
    ch.onStasisResult?.(false, `Stasis app '${app}' not active`);
    ch.onStasisResult = undefined;
    return false;
  }
  ch.dialplan = { ...ch.dialplan, app_name: 'Stasis', app_data: [app, ...args].join(',') };
  // Only an app already subscribed (it originated the channel) sees the reset of STASISSTATUS.
  setVariable(ctx, ch, 'STASISSTATUS', '');
  ch.stasis = { app, args };
  ch.subscribers.add(app);
  publish(ctx, [app], {
    type: 'StasisStart',
    timestamp: now(ctx),
    args,
    channel: channelJson(ch),
  });
  ch.onStasisResult?.(true);
  ch.onStasisResult = undefined;
  return true;
}

/** StasisEnd; the app keeps the channel's events only if it originated the channel. */
export function leaveStasis(ctx: Ctx, ch: SimChannel): void {
  const stasis = ch.stasis;
  if (!stasis) return;
  publish(ctx, ch.subscribers, {
    type: 'StasisEnd',
    timestamp: now(ctx),
    channel: channelJson(ch),
  });
  ch.stasis = undefined;
  if (ch.originate?.app !== stasis.app) ch.subscribers.delete(stasis.app);
  setVariable(ctx, ch, 'STASISSTATUS', 'SUCCESS');
}

export function requireStasis(ch: SimChannel): void {
  if (!ch.stasis) throw conflict('Channel not in Stasis application');
}

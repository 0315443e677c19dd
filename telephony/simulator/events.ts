import type { Ctx } from './context.js';
import { ariTimestamp } from './timestamp.js';
import { channelJson } from './snapshots.js';
import type { SimBridge, SimChannel } from './state.js';

/**
 * Publishing: an event goes to every app subscribed to one of the objects it carries, once,
 * with `asterisk_id` and `application` appended as Asterisk does.
 */
export function publish(ctx: Ctx, apps: Iterable<string>, body: Record<string, unknown>): void {
  const sent = new Set<string>();
  for (const app of apps) {
    if (sent.has(app)) continue;
    sent.add(app);
    if (!ctx.sink.isActive(app)) continue;
    ctx.sink.deliver(app, { ...body, asterisk_id: ctx.config.asteriskId, application: app });
  }
}

export function now(ctx: Ctx): string {
  return ariTimestamp(ctx.clock.now());
}

export function bridgeApps(b: SimBridge): string[] {
  return [...b.appRefs].filter(([, n]) => n > 0).map(([app]) => app);
}

/** An event whose only object is one channel. */
export function channelEvent(
  ctx: Ctx,
  ch: SimChannel,
  type: string,
  fields: Record<string, unknown> = {},
): void {
  publish(ctx, ch.subscribers, { type, timestamp: now(ctx), ...fields, channel: channelJson(ch) });
}

export function varsetEvent(ctx: Ctx, ch: SimChannel, variable: string, value: string): void {
  publish(ctx, ch.subscribers, {
    variable,
    value,
    type: 'ChannelVarset',
    timestamp: now(ctx),
    channel: channelJson(ch),
  });
}

export function setVariable(ctx: Ctx, ch: SimChannel, variable: string, value: string): void {
  ch.variables.set(variable, value);
  varsetEvent(ctx, ch, variable, value);
}

export function hangupRequestEvent(ctx: Ctx, ch: SimChannel, cause: number, soft: boolean): void {
  publish(ctx, ch.subscribers, {
    cause,
    ...(soft ? { soft: true } : {}),
    type: 'ChannelHangupRequest',
    timestamp: now(ctx),
    channel: channelJson(ch),
  });
}

export function setState(ctx: Ctx, ch: SimChannel, state: string): void {
  if (ch.state === state) return;
  ch.state = state;
  channelEvent(ctx, ch, 'ChannelStateChange');
}

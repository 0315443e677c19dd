import { callEventOf, type AriChannelInfo, type AriEvent, type CallAriEvent } from './ari.js';
import type { CallContext } from './context.js';
import { arriveInbound } from './handlers/arrival.js';
import { dialAnswered, dialOutGone } from './handlers/dial-out.js';
import { agentGone, callerGone } from './handlers/hangup.js';
import { agentAnswered, failureOfCause } from './handlers/offer.js';
import { arriveOutbound } from './handlers/outbound.js';
import { recordingFinished } from './handlers/recording.js';
import { callerDigit, playbackFinished } from './handlers/signals.js';
import { monitorLegGone, snoopStarted, supervisorAnswered } from './handlers/supervisor.js';
import type { ChannelLink } from './model.js';

/** `channel:<id>` or `bridge:<id>` → the channel id. */
function channelOfTarget(uri: string): string | null {
  return uri.startsWith('channel:') ? uri.slice('channel:'.length) : null;
}

/**
 * Routes ARI events to the handlers, each on its call's own line. `StasisStart` goes by its
 * args: none or `inbound` (a caller), `agent,<callId>`, `snoop,<callId>,<monitorId>`,
 * `supervisor,<callId>,<monitorId>`, `callback,<id>...`, `outbound,<campaign>...`. Every other
 * event is matched to its call through the channel index. Events are resolved in arrival order.
 */
export class EventDispatcher {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: CallContext) {}

  handle(portEvent: AriEvent): void {
    const event = callEventOf(portEvent);
    if (!event) return;
    this.chain = this.chain
      .then(() => this.route(event))
      .catch((err: unknown) => {
        this.ctx.logger.error({ err, event: event.type }, 'ARI event not dispatched');
      });
  }

  /** Resolves when every event received so far has been handed to its call. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async route(event: CallAriEvent): Promise<void> {
    const ctx = this.ctx;
    switch (event.type) {
      case 'StasisStart':
        this.stasisStart(event.channel, event.args);
        return;
      case 'StasisEnd':
      case 'ChannelDestroyed': {
        const channelId = event.channel.id;
        const cause = event.type === 'ChannelDestroyed' ? event.cause : null;
        await this.onChannel(channelId, (link) => this.channelGone(channelId, link, cause));
        return;
      }
      case 'ChannelDtmfReceived': {
        const digit = event.digit;
        await this.onChannel(event.channel.id, async (link) => {
          if (link.role === 'caller') await callerDigit(ctx, link.callId, digit);
        });
        return;
      }
      case 'PlaybackFinished': {
        const channelId = channelOfTarget(event.playback.target_uri);
        const link = channelId ? await ctx.calls.link(channelId) : null;
        if (!link) return;
        const id = event.playback.id;
        void ctx.run(link.callId, () => playbackFinished(ctx, link.callId, id));
        return;
      }
      case 'RecordingFinished':
      case 'RecordingFailed': {
        const link = await ctx.calls.link(`rec:${event.recording.name}`);
        if (!link) return;
        const failed = event.type === 'RecordingFailed';
        const info = event.recording;
        void ctx.run(link.callId, () => recordingFinished(ctx, info, failed));
        return;
      }
    }
  }

  /**
   * Runs `handle` on the line of the call the channel belongs to. A caller's channel id is its
   * call id, so an event that arrives while the call is still being set up (a key pressed during
   * the CRM lookup) waits behind the arrival instead of being lost.
   */
  private async onChannel(
    channelId: string,
    handle: (link: ChannelLink) => Promise<void>,
  ): Promise<void> {
    const ctx = this.ctx;
    const known = await ctx.calls.link(channelId);
    void ctx.run(known?.callId ?? channelId, async () => {
      const link = known ?? (await ctx.calls.link(channelId));
      if (link) await handle(link);
    });
  }

  private stasisStart(channel: AriChannelInfo, args: readonly string[]): void {
    const ctx = this.ctx;
    const [kind, a, b] = args;
    switch (kind) {
      case undefined:
      case '':
      case 'inbound':
        void ctx.run(channel.id, () => arriveInbound(ctx, channel));
        return;
      case 'agent':
        if (a) void ctx.run(a, () => agentAnswered(ctx, channel, a));
        return;
      case 'supervisor':
        if (a && b) void ctx.run(a, () => supervisorAnswered(ctx, channel, a, b));
        return;
      case 'snoop':
        if (a && b) void ctx.run(a, () => snoopStarted(ctx, channel, a, b));
        return;
      case 'callback':
      case 'outbound':
      case 'campaign':
        void ctx.run(channel.id, async () => {
          const dial = await dialAnswered(ctx, channel.id);
          await arriveOutbound(ctx, channel, args, dial?.request.reservation ?? null, dial);
        });
        return;
      default:
        ctx.logger.warn(
          { channelId: channel.id, args },
          'StasisStart with unknown args: to dialplan',
        );
        void ctx.ari.continueInDialplan(channel.id).catch((err: unknown) => {
          ctx.logger.error({ err, channelId: channel.id }, 'could not send channel to dialplan');
        });
    }
  }

  private async channelGone(
    channelId: string,
    link: ChannelLink,
    cause: number | null,
  ): Promise<void> {
    const ctx = this.ctx;
    switch (link.role) {
      case 'caller':
        await callerGone(ctx, link.callId);
        return;
      case 'agent': {
        const rec = await ctx.calls.get(link.callId);
        // A leg that never answered ends with ChannelDestroyed; its cause says why.
        if (
          cause !== null &&
          rec?.state === 'offering' &&
          rec.offer?.channelId === channelId &&
          rec.offer.answeredAt === null
        ) {
          await ctx.flow.offerFailed(link.callId, channelId, failureOfCause(cause));
          return;
        }
        await agentGone(ctx, link.callId, channelId);
        return;
      }
      case 'snoop':
      case 'supervisor':
        if (link.monitorId) await monitorLegGone(ctx, link.callId, link.monitorId);
        return;
      case 'recording':
        return;
      case 'dialout':
        await dialOutGone(ctx, channelId, cause);
        return;
    }
  }
}

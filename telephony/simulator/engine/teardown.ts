import type { Ctx, HangupHow } from '../context.js';
import { causeText, SOFT_HANGUP_EXPLICIT } from '../causes.js';
import { hangupRequestEvent, now, publish } from '../events.js';
import { channelJson } from '../snapshots.js';
import type { SimChannel } from '../state.js';
import { cancelRing } from './answer.js';
import { leaveBridge } from './bridges.js';
import { partnerOf } from './channels.js';
import { stopMediaOn } from './playback.js';
import { finishRecordingsOn } from './recording.js';
import { leaveStasis } from './stasis.js';

const HISTORY = 500;

/**
 * Hangs a channel up in the order Asterisk reports it (see the recorded trace):
 * ChannelHangupRequest, the playback cut off, BRIDGEPEER cleared and ChannelLeftBridge,
 * StasisEnd, STASISSTATUS; for a Local `;1`, the `;2` half's hangup request; ChannelDestroyed;
 * then the other half of a Local pair and whatever Dial() had connected.
 */
export function hangupChannel(ctx: Ctx, ch: SimChannel, how: HangupHow): void {
  if (ch.hangingUp || !ctx.state.channels.has(ch.id)) return;
  ch.hangingUp = true;
  cancelRing(ch);
  ch.run?.pending?.cancel();
  if (how.initiator === 'app') hangupRequestEvent(ctx, ch, SOFT_HANGUP_EXPLICIT, true);
  else if (how.initiator !== 'unanswered' && how.initiator !== 'partner') {
    hangupRequestEvent(ctx, ch, how.cause, false);
  }

  stopMediaOn(ctx, { kind: 'channel', id: ch.id }, 'failed');
  for (const e of ch.mediaLog) if (e.outcome === 'playing') e.outcome = 'interrupted';
  finishRecordingsOn(ctx, { kind: 'channel', id: ch.id });
  const bridge = ch.bridgeId ? ctx.state.bridges.get(ch.bridgeId) : undefined;
  if (bridge) leaveBridge(ctx, bridge, ch);
  for (const snoop of [...ctx.state.channels.values()]) {
    if (snoop.snoop?.targetId === ch.id)
      hangupChannel(ctx, snoop, { initiator: 'remote', cause: 16 });
  }
  leaveStasis(ctx, ch);
  // A Local half whose other half went away was told at once (the plain request sent from the
  // other half's teardown); it reports its own soft hangup once out of any app.
  if (how.initiator === 'partner') hangupRequestEvent(ctx, ch, how.cause, true);
  if (ch.state !== 'Up' && (ch.originate || ch.dialledBy)) ctx.hooks.dialFailed(ch, how);

  const partner = partnerOf(ctx, ch);
  const livePartner = partner && !partner.hangingUp ? partner : undefined;
  if (ch.kind === 'local1' && livePartner) hangupRequestEvent(ctx, livePartner, 16, false);
  destroy(ctx, ch, how.cause);

  if (livePartner) {
    if (livePartner.kind === 'local1' && livePartner.state !== 'Up') {
      hangupChannel(ctx, livePartner, { initiator: 'unanswered', cause: how.cause });
    } else {
      hangupChannel(ctx, livePartner, { initiator: 'partner', cause: 16 });
    }
  }
  const peer = ch.dialPeerId ? ctx.state.channels.get(ch.dialPeerId) : undefined;
  if (peer) hangupChannel(ctx, peer, { initiator: 'remote', cause: 16 });
  for (const child of [...ctx.state.channels.values()]) {
    if (child.dialledBy === ch.id)
      hangupChannel(ctx, child, { initiator: 'unanswered', cause: 16 });
  }
}

function destroy(ctx: Ctx, ch: SimChannel, cause: number): void {
  if (ch.run) ch.dialplan = { ...ch.dialplan, app_name: '', app_data: '' };
  else if (ch.originate)
    ch.dialplan = { ...ch.dialplan, app_name: 'AppDial2', app_data: '(Outgoing Line)' };
  publish(ctx, ch.subscribers, {
    type: 'ChannelDestroyed',
    timestamp: now(ctx),
    cause,
    cause_txt: causeText(cause),
    channel: channelJson(ch),
  });
  ctx.state.channels.delete(ch.id);
  ch.onStasisResult?.(false, 'hung up before reaching Stasis');
  ch.onStasisResult = undefined;
  ctx.state.ended.push({
    id: ch.id,
    name: ch.name,
    caller: { ...ch.caller },
    cause,
    cause_txt: causeText(cause),
    endedAt: ctx.clock.now(),
    variables: Object.fromEntries(ch.variables),
    mediaLog: ch.mediaLog,
  });
  if (ctx.state.ended.length > HISTORY) ctx.state.ended.splice(0, ctx.state.ended.length - HISTORY);
}
